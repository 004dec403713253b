package io.github.dismagent.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.emulator.EmulatorLibrary;
import io.github.dismagent.emulator.EmulatorState;
import io.github.dismagent.emulator.EmulatorTrace;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.testing.ChildJvm;
import io.github.dismagent.testing.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * {@link MonitoredServerMain} in a second JVM over the emulator, and a client connected to it over
 * the JDK's JMX RMI connector, as JConsole would be. {@link #close} stops the server and asserts
 * that it exited cleanly.
 */
final class RemoteMonitoredServer implements AutoCloseable {
    static final ObjectName IMAGES = name("io.github.dismagent:type=DismImages");

    private final EmulatorState state;
    private final EmulatorTrace trace;
    private final Path output;
    private final Process server;
    private final JMXConnector connector;

    private RemoteMonitoredServer(EmulatorState state, EmulatorTrace trace, Path output, Process server, JMXConnector connector) {
        this.state = state;
        this.trace = trace;
        this.output = output;
        this.server = server;
        this.connector = connector;
    }

    /**
     * Writes this mount table for the emulator, starts the server JVM on it with these
     * {@link MonitoredServerMain} arguments, waits until it has read the table, and connects.
     */
    static RemoteMonitoredServer start(Path directory, StateFileText table, String... flags) throws Exception {
        EmulatorState state = new EmulatorState(directory.resolve("state.tsv"));
        EmulatorTrace trace = new EmulatorTrace(directory.resolve("trace.tsv"));
        state.write(table);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path output = directory.resolve("server.out");
        List<String> command = new ArrayList<>(List.of(MonitoredServerMain.class.getName()));
        command.addAll(List.of(flags));
        Process server = new ChildJvm()
                .jvmArgument("-Djna.library.path=" + EmulatorLibrary.directory(), "-Xmx128m",
                        "-Dcom.sun.management.jmxremote.port=" + port, "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                        "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                        "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false")
                .environment(EmulatorState.ENVIRONMENT_VARIABLE, state.file().toString())
                .environment(EmulatorTrace.ENVIRONMENT_VARIABLE, trace.file().toString())
                .command(command.toArray(String[]::new))
                .start(output);
        try {
            Eventually.await("the server JVM is ready", () -> read(output).contains("READY") || !server.isAlive());
            assertTrue(server.isAlive(), read(output));
            JMXConnector connector = JMXConnectorFactory.connect(
                    new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"));
            return new RemoteMonitoredServer(state, trace, output, server, connector);
        } catch (Exception | Error e) {
            server.destroyForcibly();
            throw e;
        }
    }

    /** The client's connection to the server's platform MBeanServer. */
    MBeanServerConnection jmx() throws IOException {
        return connector.getMBeanServerConnection();
    }

    /** The emulator's mount table, as the server's DISM sees it. */
    EmulatorState state() {
        return state;
    }

    /** The DISM calls the server made. */
    EmulatorTrace trace() {
        return trace;
    }

    boolean isRegistered(ObjectName name) {
        try {
            return jmx().isRegistered(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The name of the MBean of the image mounted at this path. */
    static ObjectName jmxImage(String path) {
        return name("io.github.dismagent:type=MountedImage,path=" + ObjectName.quote(path));
    }

    static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Disconnects, closes the server's stdin and asserts that it stopped within 30 s with exit code 0. */
    @Override
    public void close() throws Exception {
        connector.close();
        server.getOutputStream().close();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            throw new AssertionError("the server JVM did not stop");
        }
        assertEquals(0, server.exitValue(), read(output));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
