package io.github.dismagent.examples;

import io.github.dismagent.emulator.EmulatorState;
import io.github.dismagent.testing.Eventually;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** The README's demo command, run as a user runs it (without its build step), on free ports. */
final class Demo implements AutoCloseable {
    static final Path REPOSITORY = Path.of(System.getProperty("dismagent.repository", ".."));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final int serverPort = freePort();
    final int metricsPort = freePort();
    final int jmxPort = freePort();
    final EmulatorState state;
    private final Path work;
    private final Path output;
    private final Process process;
    private JMXConnector jmx;

    Demo(Path work) throws IOException {
        this.state = new EmulatorState(work.resolve("demo/state.tsv"));
        this.output = work.resolve("demo.out");
        this.work = work;
        this.process = script().redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /** demo.sh with the test's ports, directory and JDK, and without its build step. */
    private ProcessBuilder script(String... arguments) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("bash", REPOSITORY.resolve("examples/demo/demo.sh").toString()));
        command.addAll(java.util.List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DEMO_SKIP_BUILD", "1");
        builder.environment().put("DEMO_DIR", work.resolve("demo").toString());
        builder.environment().put("DEMO_SERVER_PORT", Integer.toString(serverPort));
        builder.environment().put("DEMO_METRICS_PORT", Integer.toString(metricsPort));
        builder.environment().put("DEMO_JMX_PORT", Integer.toString(jmxPort));
        String javaBin = Path.of(System.getProperty("dismagent.it.java.home", System.getProperty("java.home")), "bin").toString();
        builder.environment().put("PATH", javaBin + java.io.File.pathSeparator + System.getenv("PATH"));
        return builder;
    }

    /** Waits until the agent serves and has read the mount table. */
    Demo awaitReady() {
        awaitOutput("Serving http://127.0.0.1:" + metricsPort + "/metrics");
        Eventually.await("the first read of the mount table", () -> metrics().contains("dism_up 1.0"));
        return this;
    }

    void awaitOutput(String fragment) {
        Eventually.await("the demo prints '" + fragment + "'", () -> output().contains(fragment) || !process.isAlive());
        if (!output().contains(fragment)) {
            throw new AssertionError("the demo ended without '" + fragment + "':\n" + output());
        }
    }

    String output() {
        try {
            return Files.exists(output) ? Files.readString(output) : "";
        } catch (IOException e) {
            return "";
        }
    }

    String metrics() {
        return get("http://127.0.0.1:" + metricsPort + "/metrics");
    }

    String get(String url) {
        return fetch(url);
    }

    /** The body of a GET, or "" when nothing answers. */
    static String fetch(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Over the JVM's JMX RMI connector, as JConsole connects to 127.0.0.1:&lt;port&gt;. */
    MBeanServerConnection jmx() throws IOException {
        if (jmx == null) {
            jmx = JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"));
        }
        return jmx.getMBeanServerConnection();
    }

    /** {@code examples/demo/demo.sh reboot}, the README's second command; returns what it printed. */
    String reboot() throws Exception {
        Process reboot = script("reboot").redirectErrorStream(true).start();
        reboot.getOutputStream().close();
        String printed = new String(reboot.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!reboot.waitFor(1, TimeUnit.MINUTES) || reboot.exitValue() != 0) {
            throw new AssertionError("demo.sh reboot failed:\n" + printed);
        }
        return printed;
    }

    /** Ctrl-C: SIGINT to the JVM the script became. */
    int interrupt() throws Exception {
        if (jmx != null) {
            jmx.close();
            jmx = null;
        }
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the demo did not stop on Ctrl-C:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws IOException {
        if (jmx != null) {
            jmx.close();
        }
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
