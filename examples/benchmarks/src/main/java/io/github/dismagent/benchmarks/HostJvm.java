package io.github.dismagent.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A trivial host JVM in one configuration: how long until its main ended, and its resident memory. */
final class HostJvm implements AutoCloseable {
    private final Process process;
    private final long startNanos;
    private final CompletableFuture<Long> mainEnded = new CompletableFuture<>();

    private HostJvm(Process process, long startNanos) {
        this.process = process;
        this.startNanos = startNanos;
        Thread reader = new Thread(this::readOutput, "host-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param agents the -javaagent options of the configuration
     * @param idle   whether the host stays up after main
     */
    static HostJvm start(Path javaHome, Path hostClasses, List<String> agents, Map<String, String> environment, boolean idle) {
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(), "-Xmx256m",
                "-Djna.library.path=" + System.getProperty("bench.emulator")));
        command.addAll(agents);
        command.addAll(List.of("-cp", hostClasses.toString(), TrivialHost.class.getName()));
        if (idle) {
            command.add("idle");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            long start = System.nanoTime();
            return new HostJvm(builder.start(), start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A directory holding TrivialHost alone, so that no configuration sees the harness's libraries. */
    static Path hostClasses(Path work) throws IOException {
        Path dir = work.resolve("host-classes/io/github/dismagent/benchmarks");
        Files.createDirectories(dir);
        try (InputStream in = TrivialHost.class.getResourceAsStream("TrivialHost.class")) {
            Files.write(dir.resolve("TrivialHost.class"), in.readAllBytes());
        }
        return work.resolve("host-classes");
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.equals("MAIN END")) {
                    mainEnded.complete(System.nanoTime() - startNanos);
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        mainEnded.completeExceptionally(new IllegalStateException("the host ended without finishing its main"));
    }

    /** Milliseconds from starting the JVM to the end of the host's main. */
    double millisToEndOfMain() throws Exception {
        return mainEnded.get(2, TimeUnit.MINUTES) / 1e6;
    }

    /** VmRSS of the process, in MiB. */
    double residentMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS for process " + process.pid());
    }

    void awaitExit() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
