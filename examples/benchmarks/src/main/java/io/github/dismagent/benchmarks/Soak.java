package io.github.dismagent.benchmarks;

import io.github.dismagent.emulator.EmulatorState;
import io.github.dismagent.emulator.StateFileText;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The load and soak runs of docs/reliability.md, against the built agent in the trivial host, on
 * loopback: 200 concurrent scrapers for 60 s over 1,000 images, then images that appear, change and
 * disappear every second for 10 minutes while Prometheus-like scrapes go on. It samples the host's
 * heap after a full GC, its thread count, the agent's image MBeans and its per-image series, and
 * fails (exit status 1) when a scrape failed, something was left behind, or the heap or the
 * threads grew. Run by soak.sh.
 */
public final class Soak {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectName IMAGES = name("io.github.dismagent:type=DismImages");
    private static final int SLOTS = 300;

    private final Path work;
    private final Path agent;
    private final Path hostClasses;
    private final List<String> failures = new ArrayList<>();
    private final StringBuilder report = new StringBuilder();

    private Soak(Path work, Path agent) throws IOException {
        this.work = work;
        this.agent = agent;
        this.hostClasses = HostJvm.hostClasses(work);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        System.setProperty("bench.emulator", options.get("emulator"));
        Soak soak = new Soak(Path.of(options.get("out")), Path.of(options.get("agent")));
        Files.createDirectories(soak.work);
        soak.report.append("Machine: ").append(Machine.describe(Path.of(System.getProperty("java.home")))).append("\n\n");
        soak.load(Integer.parseInt(options.getOrDefault("load-seconds", "60")), Integer.parseInt(options.getOrDefault("connections", "200")));
        soak.churn(Integer.parseInt(options.getOrDefault("churn-minutes", "10")));
        Files.writeString(soak.work.resolve("soak.md"), soak.report);
        System.out.println(soak.report);
        if (!soak.failures.isEmpty()) {
            System.out.println("FAILED:\n  " + String.join("\n  ", soak.failures));
            System.exit(1);
        }
        System.out.println("No failure.");
    }

    // ---- 200 scrapers -----------------------------------------------------------------------

    private void load(int seconds, int connections) throws Exception {
        Path state = work.resolve("load-state.tsv");
        StateFileText table = new StateFileText();
        for (int i = 0; i < 1000; i++) {
            table.mount("C:\\Mount\\build-" + i, "D:\\images\\build-" + i + ".wim", i % 8 + 1, "ReadWrite", new String[] {"Ok", "NeedsRemount", "Invalid"}[i % 3]);
        }
        new EmulatorState(state).write(table);
        int port = Harness.freePort();
        int jmxPort = Harness.freePort();
        try (HostJvm host = HostJvm.start(Path.of(System.getProperty("java.home")), hostClasses, agentArguments("port=" + port, jmxPort),
                Map.of(EmulatorState.ENVIRONMENT_VARIABLE, state.toString()), true);
             JMXConnector connector = connect(jmxPort)) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            awaitUp(port);
            Sample before = sample(jmx, port);
            System.out.println("Load: " + connections + " connections for " + seconds + " s on 1,000 images");
            Wrk run = Wrk.run("http://127.0.0.1:" + port + "/metrics", connections, seconds);
            Sample after = sample(jmx, port);
            // Idle connections are closed after 30 s and idle workers end after 60 s: then it must be back where it was.
            Thread.sleep(Duration.ofSeconds(65).toMillis());
            Sample settled = sample(jmx, port);
            report.append("## ").append(connections).append(" concurrent scrapers, ").append(seconds).append(" s, 1,000 images\n\n")
                    .append("| | requests | req/s | p50 | p99 | errors |\n|---|---|---|---|---|---|\n")
                    .append(String.format("| wrk -t2 -c" + connections + " | %,d | %,.0f | %s | %s | %s |%n%n", run.requests(), run.requestsPerSecond(),
                            Stats.millis(run.p50Millis()), Stats.millis(run.p99Millis()), run.errors().isEmpty() ? "none" : run.errors()))
                    .append(Sample.HEADER).append(before.row("before")).append(after.row("right after")).append(settled.row("65 s later"))
                    .append('\n');
            if (!run.errors().isEmpty()) {
                failures.add("errors under load: " + run.errors());
            }
            checkFlat("load", before, settled);
        }
    }

    // ---- churn ------------------------------------------------------------------------------

    private void churn(int minutes) throws Exception {
        Path state = work.resolve("churn-state.tsv");
        EmulatorState emulator = new EmulatorState(state);
        Random random = new Random(42);
        String[] slots = new String[SLOTS];
        emulator.write(table(slots));
        int port = Harness.freePort();
        int jmxPort = Harness.freePort();
        try (HostJvm host = HostJvm.start(Path.of(System.getProperty("java.home")), hostClasses,
                agentArguments("port=" + port + ",interval=1s", jmxPort), Map.of(EmulatorState.ENVIRONMENT_VARIABLE, state.toString()), true);
             JMXConnector connector = connect(jmxPort)) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            awaitUp(port);
            report.append("## Churn: every second images appear, change and disappear, ").append(minutes).append(" min\n\n")
                    .append("Up to ").append(SLOTS).append(" mount points; each second about 10% of them change (mounted, status changed, ")
                    .append("unmounted); interval=1s; a scrape every second.\n\n").append(Sample.HEADER);
            Sample first = null;
            Sample last = null;
            long scrapes = 0;
            long scrapeFailures = 0;
            long end = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
            long nextSample = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            for (long second = 0; System.nanoTime() < end; second++) {
                for (int i = 0; i < SLOTS; i++) {
                    if (random.nextInt(10) == 0) {
                        slots[i] = slots[i] == null ? new String[] {"Ok", "NeedsRemount", "Invalid"}[random.nextInt(3)]
                                : random.nextBoolean() ? null : new String[] {"Ok", "NeedsRemount", "Invalid"}[random.nextInt(3)];
                    }
                }
                emulator.write(table(slots));
                scrapes++;
                if (!scrapeOk(port)) {
                    scrapeFailures++;
                }
                if (System.nanoTime() >= nextSample) {
                    last = sample(jmx, port);
                    if (first == null) {
                        first = last;
                    }
                    report.append(last.row(second + " s"));
                    System.out.println("churn " + second + " s: " + last);
                    nextSample += Duration.ofSeconds(30).toNanos();
                }
                Thread.sleep(1000);
            }
            // Let the last table be read, then nothing may be left of the images that went.
            Thread.sleep(3000);
            Sample settled = sample(jmx, port);
            report.append(settled.row("settled")).append('\n');
            report.append(String.format("Scrapes: %,d, failed: %,d.%n%n", scrapes, scrapeFailures));
            if (scrapeFailures > 0) {
                failures.add(scrapeFailures + " scrapes failed during the churn");
            }
            if (settled.imageMBeans() != settled.mounted() || settled.imageSeries() != 3L * settled.mounted()) {
                failures.add("left behind after the churn: " + settled);
            }
            if (first != null) {
                checkFlat("churn", first, settled);
            }
        }
    }

    private static StateFileText table(String[] slots) {
        StateFileText table = new StateFileText();
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                table.mount("C:\\Mount\\slot-" + i, "D:\\images\\slot-" + i + ".wim", 1, i % 2 == 0 ? "ReadWrite" : "ReadOnly", slots[i]);
            }
        }
        return table;
    }

    // ---- samples ----------------------------------------------------------------------------

    /** One look at the host: heap after a full GC, threads, and what the agent shows. */
    record Sample(long heapAfterGcKiB, int threads, int mounted, int imageMBeans, long imageSeries) {
        static final String HEADER = "| when | heap after GC | threads | images mounted | image MBeans | dism_image_status series |\n"
                + "|---|---|---|---|---|---|\n";

        String row(String when) {
            return String.format("| %s | %,d KiB | %d | %d | %d | %d |%n", when, heapAfterGcKiB, threads, mounted, imageMBeans, imageSeries);
        }
    }

    private static Sample sample(MBeanServerConnection jmx, int port) throws Exception {
        ObjectName memory = name("java.lang:type=Memory");
        jmx.invoke(memory, "gc", new Object[0], new String[0]);
        MemoryUsage heap = MemoryUsage.from((CompositeData) jmx.getAttribute(memory, "HeapMemoryUsage"));
        int threads = (Integer) jmx.getAttribute(name("java.lang:type=Threading"), "ThreadCount");
        int mounted = (Integer) jmx.getAttribute(IMAGES, "MountedCount");
        int mbeans = jmx.queryNames(name("io.github.dismagent:type=MountedImage,*"), null).size();
        String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long series = body.lines().filter(l -> l.startsWith("dism_image_status{")).count();
        return new Sample(heap.getUsed() / 1024, threads, mounted, mbeans, series);
    }

    /** Heap after GC within 20% (or 2 MiB) of the start and at most two threads more. */
    private void checkFlat(String phase, Sample before, Sample after) {
        long allowed = Math.max(before.heapAfterGcKiB() / 5, 2048);
        if (after.heapAfterGcKiB() > before.heapAfterGcKiB() + allowed) {
            failures.add(phase + ": the heap after GC grew from " + before.heapAfterGcKiB() + " to " + after.heapAfterGcKiB() + " KiB");
        }
        if (after.threads() > before.threads() + 2) {
            failures.add(phase + ": threads grew from " + before.threads() + " to " + after.threads());
        }
    }

    private static boolean scrapeOk(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<String> agentArguments(String options, int jmxPort) {
        return List.of("-javaagent:" + agent + "=" + options, "-Dcom.sun.management.jmxremote.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false");
    }

    private static JMXConnector connect(int jmxPort) throws Exception {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                return JMXConnectorFactory.connect(url);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static void awaitUp(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body().contains("dism_up 1.0")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the agent did not serve dism_up 1 on port " + port);
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
