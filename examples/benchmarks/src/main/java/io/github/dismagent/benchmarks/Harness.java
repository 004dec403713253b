package io.github.dismagent.benchmarks;

import static io.github.dismagent.benchmarks.Results.DISMAGENT;
import static io.github.dismagent.benchmarks.Results.JMX_EXPORTER;

import io.github.dismagent.emulator.EmulatorState;
import io.github.dismagent.emulator.StateFileText;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dismagent and Prometheus' jmx_exporter side by side, in one run, on the same trivial host:
 * start-up, scrapes (wrk), resident memory, DISM calls per scrape. Every comparison alternates the
 * order of the configurations. Run by run.sh; writes results.md and chart.svg.
 *
 * <p>Configurations: no agent; jmx_exporter alone (its minimal configuration, exporting only
 * dismagent's domain); dismagent alone (default options); and, for the scrape and the memory under
 * load, jmx_exporter reading dismagent's MBeans (dismagent with {@code port=-1}): the same data
 * through the alternative a user would otherwise use. For start-up and idle memory two floors run
 * beside them: an agent that does nothing ({@link EmptyAgent}) and one that only takes the
 * platform MBeanServer and serves HTTP ({@link JmxHttpFloorAgent}), to show what part of the cost
 * no agent of this kind can avoid.
 */
public final class Harness {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Path agent;
    final Path jmxExporter;
    final Path work;
    final Path javaHome = Path.of(System.getProperty("java.home"));
    final boolean quick;
    final Path hostClasses;
    final Path jmxConfig;
    final Path emptyAgent;
    final Path floorAgent;
    final Results results = new Results();

    private Harness(Map<String, String> options) throws IOException {
        agent = Path.of(options.get("agent"));
        jmxExporter = Path.of(options.get("jmx-exporter"));
        work = Path.of(options.get("out"));
        quick = options.containsKey("quick");
        Files.createDirectories(work);
        System.setProperty("bench.emulator", options.get("emulator"));
        hostClasses = HostJvm.hostClasses(work);
        jmxConfig = Files.writeString(work.resolve("jmx_exporter.yaml"), "includeObjectNames: [\"io.github.dismagent:*\"]\n");
        emptyAgent = AgentJars.write(work, EmptyAgent.class);
        floorAgent = AgentJars.write(work, JmxHttpFloorAgent.class);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i].replaceFirst("^--", "");
            options.put(key, i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true");
        }
        Harness harness = new Harness(options);
        harness.results.machine = Machine.describe(harness.javaHome);
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(harness.jmxExporter.toFile())) {
            harness.results.jmxExporterVersion = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
        }
        System.out.println("Machine: " + harness.results.machine);
        harness.startup();
        harness.memoryIdle();
        for (int images : new int[] {10, 1000}) {
            harness.scrape(images);
        }
        harness.memoryUnderLoad();
        if (options.containsKey("jmh")) {
            harness.results.refresh = Refresh.read(Path.of(options.get("jmh")));
        }
        Report report = new Report(harness.results);
        Files.writeString(harness.work.resolve("results.md"), report.markdown());
        Files.writeString(harness.work.resolve("chart.svg"), report.svg());
        System.out.println(report.markdown());
        if (options.containsKey("docs")) {
            report.updateDocs(Path.of(options.get("docs")));
        }
    }

    // ---- configurations ---------------------------------------------------------------------

    private List<String> jmxExporterAgent(int port) {
        return List.of("-javaagent:" + jmxExporter + "=127.0.0.1:" + port + ":" + jmxConfig);
    }

    private List<String> dismagentAgent(String options) {
        return List.of("-javaagent:" + agent + (options.isEmpty() ? "" : "=" + options));
    }

    /** Each agent alone, the floors and no agent; dismagent with these options. */
    private Map<String, List<String>> alone(String dismagentOptions) throws IOException {
        Map<String, List<String>> configurations = new LinkedHashMap<>();
        configurations.put(Results.NONE, List.of());
        configurations.put(Results.EMPTY_AGENT, List.of("-javaagent:" + emptyAgent));
        configurations.put(Results.JMX_HTTP_FLOOR, List.of("-javaagent:" + floorAgent + "=" + freePort()));
        configurations.put(Results.JMX_EXPORTER, jmxExporterAgent(freePort()));
        configurations.put(Results.DISMAGENT, dismagentAgent(dismagentOptions));
        return configurations;
    }

    private Map<String, String> emulator(int images, Path trace) throws IOException {
        Path state = work.resolve("state-" + images + ".tsv");
        if (!Files.exists(state)) {
            StateFileText table = new StateFileText();
            for (int i = 0; i < images; i++) {
                table.mount("C:\\Mount\\build-" + i, "D:\\images\\build-" + i + "\\install.wim", i % 8 + 1, "ReadWrite",
                        new String[] {"Ok", "NeedsRemount", "Invalid"}[i % 3]);
            }
            new EmulatorState(state).write(table);
        }
        Map<String, String> environment = new HashMap<>(Map.of(EmulatorState.ENVIRONMENT_VARIABLE, state.toString()));
        if (trace != null) {
            environment.put("DISMAPI_EMULATOR_TRACE", trace.toString());
        }
        return environment;
    }

    // ---- start-up ---------------------------------------------------------------------------

    private void startup() throws Exception {
        int trials = quick ? 5 : 21;
        System.out.println("Start-up: " + trials + " trials of each configuration, order rotated");
        Map<String, List<String>> configurations = alone("");
        Map<String, List<Double>> times = new LinkedHashMap<>();
        configurations.keySet().forEach(k -> times.put(k, new ArrayList<>()));
        List<String> order = new ArrayList<>(configurations.keySet());
        for (int trial = 0; trial < trials; trial++) {
            java.util.Collections.rotate(order, 1);
            for (String name : order) {
                try (HostJvm host = HostJvm.start(javaHome, hostClasses, configurations.get(name), emulator(10, null), false)) {
                    times.get(name).add(host.millisToEndOfMain());
                    host.awaitExit();
                }
            }
        }
        times.forEach((name, values) -> results.startupMillis.put(name, Stats.median(values)));
        System.out.println("  medians (ms): " + results.startupMillis);
    }

    // ---- memory -----------------------------------------------------------------------------

    private void memoryIdle() throws Exception {
        int rounds = quick ? 1 : 3;
        Duration settle = Duration.ofSeconds(quick ? 5 : 15);
        System.out.println("Idle memory: " + rounds + " rounds, resident memory after " + settle.toSeconds() + " s");
        Map<String, List<Double>> resident = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            Map<String, List<String>> configurations = alone("port=" + freePort());
            List<String> order = new ArrayList<>(configurations.keySet());
            java.util.Collections.rotate(order, round);
            for (String name : order) {
                try (HostJvm host = HostJvm.start(javaHome, hostClasses, configurations.get(name), emulator(10, null), true)) {
                    host.millisToEndOfMain();
                    Thread.sleep(settle.toMillis());
                    resident.computeIfAbsent(name, k -> new ArrayList<>()).add(host.residentMiB());
                }
            }
        }
        resident.forEach((name, values) -> results.idleMiB.put(name, Stats.median(values)));
        System.out.println("  medians (MiB): " + results.idleMiB);
    }

    private void memoryUnderLoad() throws Exception {
        int seconds = quick ? 10 : 60;
        System.out.println("Memory after " + seconds + " s of scrapes at 16 connections, 1,000 images");
        for (String name : List.of(DISMAGENT, JMX_EXPORTER)) {
            int port = freePort();
            List<String> agents = name.equals(DISMAGENT) ? dismagentAgent("port=" + port)
                    : concat(dismagentAgent("port=-1"), jmxExporterAgent(port));
            try (HostJvm host = HostJvm.start(javaHome, hostClasses, agents, emulator(1000, null), true)) {
                awaitServing(port, name);
                Wrk.run(url(port), 16, seconds);
                results.loadedMiB.put(name, host.residentMiB());
            }
        }
        System.out.println("  resident (MiB): " + results.loadedMiB);
    }

    // ---- scrapes ----------------------------------------------------------------------------

    private void scrape(int images) throws Exception {
        int rounds = quick ? 1 : 3;
        int seconds = quick ? 3 : 10;
        System.out.println("Scrapes of " + images + " images: " + rounds + " rounds of " + seconds + " s at 1 and 16 connections");
        Map<String, Map<Integer, List<Wrk>>> runs = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            List<String> order = round % 2 == 0 ? List.of(DISMAGENT, JMX_EXPORTER) : List.of(JMX_EXPORTER, DISMAGENT);
            for (String name : order) {
                int port = freePort();
                Path trace = work.resolve("trace-" + name + "-" + images + "-" + round + ".tsv");
                // A long interval, so that no scheduled read falls into the measurement: what the trace
                // then shows during the scrapes is what the scrapes caused.
                List<String> agents = name.equals(DISMAGENT) ? dismagentAgent("port=" + port + ",interval=1h")
                        : concat(dismagentAgent("port=-1,interval=1h"), jmxExporterAgent(port));
                try (HostJvm host = HostJvm.start(javaHome, hostClasses, agents, emulator(images, trace), true)) {
                    awaitServing(port, name);
                    Wrk.run(url(port), 16, quick ? 2 : 5); // warm-up
                    long dismCallsBefore = lines(trace);
                    for (int connections : new int[] {1, 16}) {
                        Wrk run = Wrk.run(url(port), connections, seconds);
                        runs.computeIfAbsent(name, k -> new LinkedHashMap<>()).computeIfAbsent(connections, k -> new ArrayList<>()).add(run);
                        if (name.equals(DISMAGENT)) {
                            results.scrapesCounted += run.requests();
                        }
                    }
                    if (name.equals(DISMAGENT)) {
                        results.dismCallsDuringScrapes += lines(trace) - dismCallsBefore;
                    }
                }
            }
        }
        runs.forEach((name, byConnections) -> byConnections.forEach((connections, list) -> {
            Results.Scrape median = new Results.Scrape(
                    Stats.median(list.stream().map(Wrk::requestsPerSecond).toList()),
                    Stats.median(list.stream().map(Wrk::p50Millis).toList()),
                    Stats.median(list.stream().map(Wrk::p99Millis).toList()),
                    String.join("; ", list.stream().map(Wrk::errors).filter(e -> !e.isEmpty()).toList()));
            results.scrapes.put(name + "/" + images + "/" + connections, median);
            System.out.println("  " + name + ", " + connections + " connection(s): " + median);
        }));
    }

    private static void awaitServing(int port, String name) throws Exception {
        String marker = name.equals(DISMAGENT) ? "dism_up 1.0" : "io_github_dismagent_DismImages_MountedCount";
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String body = HTTP.send(HttpRequest.newBuilder(URI.create(url(port))).build(), HttpResponse.BodyHandlers.ofString()).body();
                if (body.contains(marker)) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " did not serve its metrics on port " + port);
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port + "/metrics";
    }

    private static long lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
