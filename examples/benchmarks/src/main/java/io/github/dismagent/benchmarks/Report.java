package io.github.dismagent.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** The results as a Markdown table with the targets, and as an SVG chart of dismagent against jmx_exporter. */
final class Report {
    static final String START = "<!-- results: written by examples/benchmarks/run.sh --update-docs -->";
    static final String END = "<!-- /results -->";
    private static final String DISMAGENT = Results.DISMAGENT;
    private static final String JMX = Results.JMX_EXPORTER;

    private final Results r;

    Report(Results results) {
        this.r = results;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Measured on ").append(LocalDate.now()).append(", ").append(r.machine).append(".\n\n");
        md.append("| measure | no agent | jmx_exporter " + r.jmxExporterVersion + " | dismagent | dismagent / jmx_exporter | target | |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        double oursStart = r.startupAdded(DISMAGENT);
        double theirStart = r.startupAdded(JMX);
        md.append(row("start-up: JVM start to the end of main (median)", Stats.millis(r.startupMillis.get(Results.NONE)),
                Stats.millis(r.startupMillis.get(JMX)), Stats.millis(r.startupMillis.get(DISMAGENT)), "", "", ""));
        md.append(row("start-up: time added", "", Stats.millis(theirStart), Stats.millis(oursStart), Stats.fixed(oursStart / theirStart, 3) + "×",
                "≤ 0.1× and < 60 ms", met(oursStart <= 0.1 * theirStart && oursStart < 60)));
        for (int images : new int[] {10, 1000}) {
            for (int connections : new int[] {1, 16}) {
                Results.Scrape ours = r.scrape(DISMAGENT, images, connections);
                Results.Scrape theirs = r.scrape(JMX, images, connections);
                String target = "";
                String verdict = "";
                if (images == 10 && connections == 1) {
                    target = "p50 < 2 ms";
                    verdict = met(ours.p50Millis() < 2);
                } else if (images == 1000 && connections == 16) {
                    target = "≥ 10× req/s";
                    verdict = met(ours.requestsPerSecond() >= 10 * theirs.requestsPerSecond());
                }
                md.append(row("scrape, " + String.format("%,d", images) + " images, " + connections + " connection" + (connections > 1 ? "s" : ""),
                        "", scrape(theirs), scrape(ours), Stats.ratio(ours.requestsPerSecond(), theirs.requestsPerSecond()) + " req/s", target, verdict));
            }
        }
        double oursIdle = r.idleAdded(DISMAGENT);
        double theirIdle = r.idleAdded(JMX);
        md.append(row("resident memory, idle (median)", mib(r.idleMiB.get(Results.NONE)), mib(r.idleMiB.get(JMX)), mib(r.idleMiB.get(DISMAGENT)), "", "", ""));
        md.append(row("resident memory added, idle", "", mib(theirIdle), mib(oursIdle), Stats.fixed(oursIdle / theirIdle, 2) + "×", "≤ 0.5×",
                met(oursIdle <= 0.5 * theirIdle)));
        md.append(row("resident memory added, after the scrape load (1,000 images)", "", mib(r.loadedAdded(JMX)) + " ¹", mib(r.loadedAdded(DISMAGENT)),
                Stats.fixed(r.loadedAdded(DISMAGENT) / r.loadedAdded(JMX), 2) + "×", "", ""));
        md.append(row("DISM calls per scrape (emulator trace)", "", "", r.dismCallsDuringScrapes + " in " + String.format("%,d", r.scrapesCounted)
                + " scrapes", "", "0", met(r.dismCallsDuringScrapes == 0)));
        if (r.refresh != null) {
            for (String benchmark : r.refresh.microsPerCall().keySet()) {
                StringBuilder perImage = new StringBuilder();
                for (int images : new int[] {10, 1000, 100_000}) {
                    perImage.append(perImage.length() == 0 ? "" : ", ").append(String.format("%,d", images)).append(": ")
                            .append(Stats.fixed(r.refresh.perImage(benchmark, images), 3)).append(" µs");
                }
                double slope = r.refresh.marginalPerImage(benchmark);
                md.append(row("refresh (JMH `" + benchmark + "`), µs per image", "", "", perImage + "; " + Stats.fixed(slope, 3)
                        + " µs per added image", "", "≤ 2 µs per image, linear", met(slope <= 2 && r.refresh.perImage(benchmark, 1000) <= 2
                        && r.refresh.perImage(benchmark, 100_000) <= 2)));
            }
        }
        md.append("\n¹ jmx_exporter reading dismagent's MBeans (dismagent with `port=-1` beside it), since only dismagent reads DISM; "
                + "the idle and start-up rows compare each agent alone.\n");
        md.append(floors());
        return md.toString();
    }

    /**
     * What no agent of this kind can go below, measured in the same run: the best ratio to
     * jmx_exporter that an agent costing nothing beyond the floor would reach.
     */
    private String floors() {
        StringBuilder md = new StringBuilder("\nFloors, same run: what an agent that does nothing, and one that only takes the platform "
                + "MBeanServer and serves HTTP on loopback, add to the same host.\n\n");
        md.append("| configuration | start-up time added | / jmx_exporter's | idle resident memory added | / jmx_exporter's |\n");
        md.append("|---|---|---|---|---|\n");
        for (String name : List.of(Results.EMPTY_AGENT, Results.JMX_HTTP_FLOOR, JMX, DISMAGENT)) {
            md.append(row(name, Stats.millis(r.startupAdded(name)), Stats.fixed(r.startupAdded(name) / r.startupAdded(JMX), 3) + "×",
                    mib(r.idleAdded(name)), Stats.fixed(r.idleAdded(name) / r.idleAdded(JMX), 2) + "×"));
        }
        return md.toString();
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String scrape(Results.Scrape s) {
        return String.format("%,.0f req/s, p50 %s, p99 %s", s.requestsPerSecond(), Stats.millis(s.p50Millis()), Stats.millis(s.p99Millis()))
                + (s.errors().isEmpty() ? "" : " (" + s.errors() + ")");
    }

    private static String mib(double value) {
        return Stats.fixed(value, 1) + " MiB";
    }

    private static String met(boolean met) {
        return met ? "met" : "**missed**";
    }

    /** Four panels, dismagent against jmx_exporter, each on its own scale. */
    String svg() {
        record Panel(String title, String unit, double ours, double theirs, boolean higherIsBetter) {
        }
        List<Panel> panels = List.of(
                new Panel("start-up time added", "ms", r.startupAdded(DISMAGENT), r.startupAdded(JMX), false),
                new Panel("scrapes/s, 1,000 images, 16 conn.", "req/s", r.scrape(DISMAGENT, 1000, 16).requestsPerSecond(),
                        r.scrape(JMX, 1000, 16).requestsPerSecond(), true),
                new Panel("p50, 10 images, 1 connection", "ms", r.scrape(DISMAGENT, 10, 1).p50Millis(), r.scrape(JMX, 10, 1).p50Millis(), false),
                new Panel("idle memory added", "MiB", r.idleAdded(DISMAGENT), r.idleAdded(JMX), false));
        int width = 220;
        int height = 260;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width * panels.size()).append("\" height=\"").append(height + 40)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">dismagent (blue) and jmx_exporter ").append(r.jmxExporterVersion).append(" (grey), same run</text>\n");
        for (int i = 0; i < panels.size(); i++) {
            Panel p = panels.get(i);
            int x0 = i * width + 20;
            double max = Math.max(Math.max(p.ours(), p.theirs()), 1e-9);
            svg.append("<text x=\"").append(x0).append("\" y=\"50\">").append(p.title()).append("</text>\n");
            svg.append("<text x=\"").append(x0).append("\" y=\"66\" fill=\"#555\">(").append(p.higherIsBetter() ? "higher" : "lower")
                    .append(" is better)</text>\n");
            double[] values = {p.ours(), p.theirs()};
            String[] colors = {"#2f6fdb", "#9a9a9a"};
            for (int b = 0; b < 2; b++) {
                double barHeight = Math.max(1, 160 * values[b] / max);
                int x = x0 + 20 + b * 80;
                double y = 250 - barHeight;
                svg.append("<rect x=\"").append(x).append("\" y=\"").append(Stats.fixed(y, 1)).append("\" width=\"60\" height=\"")
                        .append(Stats.fixed(barHeight, 1)).append("\" fill=\"").append(colors[b]).append("\"/>\n");
                svg.append("<text x=\"").append(x).append("\" y=\"").append(Stats.fixed(y - 5, 1)).append("\">")
                        .append(Stats.fixed(values[b], values[b] < 10 ? 2 : 0)).append(' ').append(p.unit()).append("</text>\n");
                svg.append("<text x=\"").append(x).append("\" y=\"268\">").append(b == 0 ? "dismagent" : "jmx_exporter").append("</text>\n");
            }
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** Writes the table between the markers of docs/performance.md, and the chart beside it. */
    void updateDocs(Path docs) throws IOException {
        Path page = docs.resolve("performance.md");
        String text = Files.readString(page);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalStateException(page + " has no results markers");
        }
        Files.writeString(page, text.substring(0, start + START.length()) + "\n\n" + markdown() + "\n" + text.substring(end));
        Files.writeString(docs.resolve("performance-chart.svg"), svg());
        System.out.println("Updated " + page + " and " + docs.resolve("performance-chart.svg"));
    }
}
