package io.github.dismagent.examples;

import com.sun.tools.attach.VirtualMachine;
import io.github.dismagent.testing.Eventually;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** A real server started by its own start script, as an operator starts it, with its console in a file. */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Path console;
    private final long startedNanos = System.nanoTime();

    private ServerProcess(Process process, Path console) {
        this.process = process;
        this.console = console;
    }

    /** Starts {@code command} with the extra environment, optionally pinned to the first CPU with taskset. */
    static ServerProcess start(List<String> command, Map<String, String> environment, Path console, boolean pinnedToOneCpu)
            throws IOException {
        return start(command, environment, console, pinnedToOneCpu, null);
    }

    static ServerProcess start(List<String> command, Map<String, String> environment, Path console, boolean pinnedToOneCpu,
            Path directory) throws IOException {
        List<String> full = new ArrayList<>();
        if (pinnedToOneCpu) {
            full.addAll(List.of("taskset", "-c", "0"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(console.toFile());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().keySet().removeIf(k -> k.equals("JAVA_OPTS") || k.equals("JAVA_TOOL_OPTIONS") || k.equals("MODULE_OPTS"));
        builder.environment().put("JAVA_HOME", javaHome());
        builder.environment().putAll(environment);
        return new ServerProcess(builder.start(), console);
    }

    static String javaHome() {
        return System.getProperty("dismagent.it.java.home", System.getProperty("java.home"));
    }

    static boolean tasksetAvailable() {
        return Stream.of("/usr/bin/taskset", "/bin/taskset").anyMatch(p -> Files.isExecutable(Path.of(p)));
    }

    /** Waits until one of the markers shows in the file (or the process ends); returns the milliseconds since start. */
    long awaitAny(Path log, Duration timeout, String... markers) {
        Eventually.await("one of " + List.of(markers) + " in " + log, () -> !process.isAlive()
                || Stream.of(markers).anyMatch(read(log)::contains), timeout);
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The JVM's pid: the script's own pid when it execs java, else its java child. */
    long javaPid() {
        Optional<ProcessHandle> java = process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst();
        return java.map(ProcessHandle::pid).orElse(process.pid());
    }

    String console() {
        return read(console);
    }

    /** The JMX connection an operator's JConsole would open to this JVM. */
    JMXConnector localJmx() throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(javaPid()));
        try {
            return JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
        } finally {
            vm.detach();
        }
    }

    static boolean registered(MBeanServerConnection jmx, String name) {
        try {
            return jmx.isRegistered(new ObjectName(name));
        } catch (Exception e) {
            return false;
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGTERM to the JVM, as a service manager stops it, then to the script. */
    @Override
    public void close() throws InterruptedException {
        ProcessHandle.of(javaPid()).ifPresent(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
