package io.github.dismagent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A second JVM started by a test: a real process with its own arguments and environment. */
public final class ChildJvm {
    private final List<String> jvmArguments = new ArrayList<>();
    private final Map<String, String> environment = new HashMap<>();
    private String javaHome = System.getProperty("java.home");
    private String classPath = System.getProperty("java.class.path");
    private List<String> command = List.of();

    /** The java launcher of this JDK, or of another JDK given by {@link #javaHome}. */
    public ChildJvm javaHome(String home) {
        this.javaHome = home;
        return this;
    }

    public ChildJvm classPath(String classPath) {
        this.classPath = classPath;
        return this;
    }

    public ChildJvm jvmArgument(String... arguments) {
        jvmArguments.addAll(List.of(arguments));
        return this;
    }

    public ChildJvm environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The main class or {@code -jar x.jar} and their arguments. */
    public ChildJvm command(String... command) {
        this.command = List.of(command);
        return this;
    }

    /** The full command line. */
    public List<String> commandLine() {
        List<String> line = new ArrayList<>();
        line.add(Path.of(javaHome, "bin", "java").toString());
        line.addAll(jvmArguments);
        if (classPath != null && !classPath.isEmpty()) {
            line.add("-cp");
            line.add(classPath);
        }
        line.addAll(command);
        return line;
    }

    /** Starts the JVM with stdout and stderr together in this file. */
    public Process start(Path output) {
        ProcessBuilder builder = new ProcessBuilder(commandLine()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + commandLine(), e);
        }
    }

    /** What a finished JVM did. */
    public record Result(int exitCode, String output) {
    }

    /** Runs the JVM to its end; kills it and fails if it outlives the timeout. */
    public Result run(Path output, Duration timeout) {
        Process process = start(output);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("the child JVM did not end within " + timeout + ": " + commandLine()
                        + "\n" + read(output));
            }
            return new Result(process.exitValue(), read(output));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String read(Path output) {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }
}
