package io.github.dismagent.agent.it;

import com.sun.tools.attach.VirtualMachine;
import io.github.dismagent.emulator.EmulatorLibrary;
import io.github.dismagent.emulator.EmulatorState;
import io.github.dismagent.emulator.EmulatorTrace;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.testing.ChildJvm;
import io.github.dismagent.testing.Eventually;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** A host JVM with the built agent, over the emulator, as a user would start one. */
final class AgentHost implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("Serving https?://[^:]+:(\\d+)/metrics");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final Process process;
    private final Path output;
    private final EmulatorState state;
    private final EmulatorTrace trace;
    private JMXConnector jmx;

    private AgentHost(Process process, Path output, EmulatorState state, EmulatorTrace trace) {
        this.process = process;
        this.output = output;
        this.state = state;
        this.trace = trace;
    }

    /** The images a host starts with unless told otherwise: one in each status; C:\\Mount\\remount is NeedsRemount. */
    static StateFileText threeImages() {
        return new StateFileText()
                .mount("C:\\Mount\\ok", "D:\\images\\ok.wim", 1, "ReadWrite", "Ok")
                .mount("C:\\Mount\\remount", "D:\\images\\remount.wim", 2, "ReadOnly", "NeedsRemount")
                .mount("C:\\Mount\\invalid", "D:\\images\\invalid.wim", 3, "ReadWrite", "Invalid");
    }

    /** The agent's main MBean under the default domain. */
    static final ObjectName IMAGES = objectName("io.github.dismagent:type=DismImages");

    /** An ObjectName from a literal the test knows to be well formed. */
    static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Builder in(Path work) {
        return new Builder(work);
    }

    static final class Builder {
        private final Path work;
        private String agentOptions = "port=0";
        private boolean agent = true;
        private boolean emulator = true;
        private StateFileText table = threeImages();
        private final List<String> jvmArguments = new ArrayList<>();
        private final List<Path> classPath = new ArrayList<>();
        private final ChildJvm jvm = new ChildJvm();
        private String[] command = {};
        private java.util.function.Consumer<AgentHost> whenStarted = host -> { };

        private Builder(Path work) {
            this.work = work;
        }

        Builder agentOptions(String options) {
            this.agentOptions = options;
            return this;
        }

        Builder withoutAgent() {
            this.agent = false;
            return this;
        }

        /** No jna.library.path: DISM cannot be found, as on Linux without the emulator. */
        Builder withoutEmulator() {
            this.emulator = false;
            return this;
        }

        Builder mountTable(StateFileText text) {
            this.table = text;
            return this;
        }

        Builder jvmArgument(String... arguments) {
            jvmArguments.addAll(List.of(arguments));
            return this;
        }

        Builder environment(String name, String value) {
            jvm.environment(name, value);
            return this;
        }

        Builder classPath(Path... entries) {
            classPath.addAll(List.of(entries));
            return this;
        }

        /** Told of the host once it runs, e.g. to stop it after the test. */
        Builder whenStarted(java.util.function.Consumer<AgentHost> listener) {
            this.whenStarted = listener;
            return this;
        }

        Builder main(String... command) {
            this.command = command;
            return this;
        }

        AgentHost start() {
            EmulatorState state = new EmulatorState(work.resolve("state.tsv"));
            EmulatorTrace trace = new EmulatorTrace(work.resolve("trace.tsv"));
            state.write(table);
            jvm.javaHome(ItSettings.javaHome().toString())
                    .classPath(classPath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)))
                    .environment(EmulatorState.ENVIRONMENT_VARIABLE, state.file().toString())
                    .environment(EmulatorTrace.ENVIRONMENT_VARIABLE, trace.file().toString())
                    .jvmArgument("-Xmx256m");
            if (emulator) {
                jvm.jvmArgument("-Djna.library.path=" + EmulatorLibrary.directory());
            }
            if (agent) {
                jvm.jvmArgument("-javaagent:" + ItSettings.agentJar() + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
            }
            jvm.jvmArgument(jvmArguments.toArray(new String[0])).command(command);
            Path output = work.resolve("host-" + System.nanoTime() + ".out");
            AgentHost host = new AgentHost(jvm.start(output), output, state, trace);
            whenStarted.accept(host);
            return host;
        }
    }

    String output() {
        try {
            return Files.exists(output) ? Files.readString(output) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits until the host printed this; fails with the output when it ends without doing so. */
    void awaitOutput(String fragment) {
        try {
            Eventually.await("host output contains '" + fragment + "'", () -> output().contains(fragment) || !process.isAlive());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the host's output:\n" + output(), e);
        }
        if (!output().contains(fragment)) {
            throw new AssertionError("the host ended without printing '" + fragment + "':\n" + output());
        }
    }

    /** The port the agent serves on, from its log line. */
    int port() {
        awaitOutput("Serving http");
        Matcher m = SERVING.matcher(output());
        if (!m.find()) {
            throw new AssertionError("no port in: " + output());
        }
        return Integer.parseInt(m.group(1));
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return request("GET", path, headers);
    }

    HttpResponse<String> request(String method, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The host's MBeans, through the JDK's local management agent (started over the Attach API). */
    MBeanServerConnection jmx() throws Exception {
        if (jmx == null) {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(process.pid()));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            jmx = JMXConnectorFactory.connect(new JMXServiceURL(address));
        }
        return jmx.getMBeanServerConnection();
    }

    /**
     * A remote client of the host's {@code com.sun.management.jmxremote} connector. The JVM starts
     * that connector after the agents' premain, so the agent may log its MBeans before the port
     * listens: a refused connection is retried until the deadline, as an operator would retry.
     */
    static JMXConnector connectRemote(JMXServiceURL url, Map<String, ?> environment) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return JMXConnectorFactory.connect(url, environment);
            } catch (IOException refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                Thread.sleep(100);
            }
        }
    }

    /** The /metrics page; fails the test when it cannot be had. */
    String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/metrics");
        if (response.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Whether /metrics has exactly this line now; false when it cannot be had. */
    boolean serves(String metricLine) {
        try {
            return scrape().lines().anyMatch(metricLine::equals);
        } catch (IOException | InterruptedException | AssertionError e) {
            return false;
        }
    }

    /** How many lines of the host's output contain all of these. */
    long linesWith(String... fragments) {
        return output().lines().filter(line -> java.util.Arrays.stream(fragments).allMatch(line::contains)).count();
    }

    /** A WorkingHost's longest lateness so far, from its last report; -1 before the first. */
    long hostMaxLateMillis() {
        Matcher m = Pattern.compile("HOST (?:WORKING|DONE) rounds=\\d+ maxLateMillis=(\\d+)").matcher(output());
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    EmulatorState state() {
        return state;
    }

    EmulatorTrace trace() {
        return trace;
    }

    /** Waits for the host to end by itself and returns its exit status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the host did not end within " + timeout.toSeconds() + " s:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws IOException {
        if (jmx != null) {
            try {
                jmx.close();
            } catch (IOException ignored) {
                // the host may be gone already
            }
            jmx = null;
        }
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
