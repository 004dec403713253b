package io.github.dismagent.examples;

import io.github.dismagent.emulator.EmulatorState;
import io.github.dismagent.testing.Eventually;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** examples/fleet/fleet.sh, run as a user runs it (without its build step), on free ports, with the test's webhook. */
final class Fleet implements AutoCloseable {
    final int servers;
    final int agentPort = Demo.freePort();
    final int prometheusPort = Demo.freePort();
    final int alertmanagerPort = Demo.freePort();
    private final Path dir;
    private final Path output;
    private final String webhook;
    private final String intervals;
    private final Process process;

    Fleet(Path work, int servers, String intervals, String webhook) throws IOException {
        this.servers = servers;
        this.dir = work.resolve("fleet");
        this.output = work.resolve("fleet.out");
        this.webhook = webhook;
        this.intervals = intervals;
        this.process = script().redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private ProcessBuilder script(String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", Demo.REPOSITORY.resolve("examples/fleet/fleet.sh").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("FLEET_SKIP_BUILD", "1");
        builder.environment().put("FLEET_DIR", dir.toString());
        builder.environment().put("FLEET_SERVERS", Integer.toString(servers));
        builder.environment().put("FLEET_INTERVALS", intervals);
        builder.environment().put("FLEET_AGENT_PORT", Integer.toString(agentPort));
        builder.environment().put("FLEET_PROMETHEUS_PORT", Integer.toString(prometheusPort));
        builder.environment().put("FLEET_ALERTMANAGER_PORT", Integer.toString(alertmanagerPort));
        builder.environment().put("FLEET_WEBHOOK_URL", webhook);
        String javaBin = Path.of(System.getProperty("dismagent.it.java.home", System.getProperty("java.home")), "bin").toString();
        builder.environment().put("PATH", javaBin + File.pathSeparator + System.getenv("PATH"));
        return builder;
    }

    Fleet awaitStarted() {
        Eventually.await("fleet.sh started everything", () -> output().contains("fleet started") || !process.isAlive());
        if (!process.isAlive()) {
            throw new AssertionError("fleet.sh ended:\n" + output());
        }
        return this;
    }

    /** The instance label Prometheus gives server n (1-based): its own loopback address, the fleet's agent port. */
    String instance(int n) {
        return "127.0.0." + (n + 1) + ":" + agentPort;
    }

    List<String> instances() {
        List<String> all = new ArrayList<>();
        for (int n = 1; n <= servers; n++) {
            all.add(instance(n));
        }
        return all;
    }

    String prometheus() {
        return "http://127.0.0.1:" + prometheusPort;
    }

    EmulatorState state(int n) {
        return new EmulatorState(dir.resolve("server" + n + "/state.tsv"));
    }

    /** {@code fleet.sh <command> <n>}, e.g. {@code invalid 2} or {@code stop 3}; returns what it printed. */
    String run(String command, int n) throws Exception {
        Process run = script(command, Integer.toString(n)).redirectErrorStream(true).start();
        run.getOutputStream().close();
        String printed = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!run.waitFor(1, TimeUnit.MINUTES) || run.exitValue() != 0) {
            throw new AssertionError("fleet.sh " + command + " " + n + " failed:\n" + printed);
        }
        return printed;
    }

    String output() {
        return ServerProcess.read(output);
    }

    /** What a component wrote, for failure messages: prometheus.log, alertmanager.log, server2/server.log. */
    String log(String name) {
        return ServerProcess.read(dir.resolve(name));
    }

    /** SIGTERM, as a service manager stops it: the script stops everything it started. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> started = process.descendants().toList();
        process.destroy();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        List<ProcessHandle> left = started.stream().filter(ProcessHandle::isAlive).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        if (!ended) {
            process.destroyForcibly();
            throw new AssertionError("fleet.sh did not stop on SIGTERM:\n" + output());
        }
        if (!left.isEmpty()) {
            throw new AssertionError("fleet.sh left processes running: " + left.stream().map(h -> h.info().commandLine().orElse("?")).toList());
        }
    }
}
