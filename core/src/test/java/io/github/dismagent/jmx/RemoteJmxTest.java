package io.github.dismagent.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.emulator.EmulatorLibrary;
import io.github.dismagent.emulator.EmulatorState;
import io.github.dismagent.emulator.EmulatorTrace;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.testing.ChildJvm;
import io.github.dismagent.testing.Eventually;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.management.Attribute;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second JVM, as JConsole would be, over the JDK's JMX RMI connector. */
class RemoteJmxTest {
    private static final ObjectName IMAGES = name("io.github.dismagent:type=DismImages");

    @TempDir
    Path directory;

    private Process server;
    private JMXConnector connector;
    private MBeanServerConnection jmx;
    private EmulatorState state;
    private EmulatorTrace trace;

    @BeforeEach
    void startServerAndConnect() throws Exception {
        state = new EmulatorState(directory.resolve("state.tsv"));
        trace = new EmulatorTrace(directory.resolve("trace.tsv"));
        state.write(new StateFileText()
                .mount("C:\\Mount\\ok", "D:\\ok.wim", 1, "ReadWrite", "Ok")
                .mount("C:\\Mount\\remount", "D:\\remount.wim", 2, "ReadOnly", "NeedsRemount")
                .mount("C:\\Mount\\second", "D:\\second.wim", 1, "ReadWrite", "NeedsRemount")
                .mount("C:\\Mount\\bad", "D:\\bad.wim", 3, "ReadWrite", "Invalid"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path output = directory.resolve("server.out");
        server = new ChildJvm()
                .jvmArgument("-Djna.library.path=" + EmulatorLibrary.directory(), "-Xmx128m",
                        "-Dcom.sun.management.jmxremote.port=" + port, "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                        "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                        "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false")
                .environment(EmulatorState.ENVIRONMENT_VARIABLE, state.file().toString())
                .environment(EmulatorTrace.ENVIRONMENT_VARIABLE, trace.file().toString())
                .command(MonitoredServerMain.class.getName())
                .start(output);
        Eventually.await("the server JVM is ready", () -> read(output).contains("READY") || !server.isAlive());
        assertTrue(server.isAlive(), read(output));
        connector = JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"));
        jmx = connector.getMBeanServerConnection();
    }

    @AfterEach
    void stopServer() throws Exception {
        if (connector != null) {
            connector.close();
        }
        server.getOutputStream().close();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            throw new AssertionError("the server JVM did not stop");
        }
        assertEquals(0, server.exitValue(), read(directory.resolve("server.out")));
    }

    @Test
    void readsEveryAttributeOfEveryMBean() throws Exception {
        for (ObjectName name : jmx.queryNames(new ObjectName("io.github.dismagent:*"), null)) {
            for (MBeanAttributeInfo attribute : jmx.getMBeanInfo(name).getAttributes()) {
                Object value = jmx.getAttribute(name, attribute.getName());
                assertNotNull(value, name + " " + attribute.getName());
            }
        }
        assertEquals(5, jmx.queryNames(new ObjectName("io.github.dismagent:*"), null).size());
        CompositeData[] rows = (CompositeData[]) jmx.getAttribute(IMAGES, "MountedImages");
        assertEquals("NeedsRemount", rows[1].get("Status"));
        assertEquals("none: this test server has no HTTP endpoint", jmx.getAttribute(IMAGES, "HttpEndpoint"));
        assertTrue(((String) jmx.getAttribute(IMAGES, "Backend")).startsWith("DismAPI emulator at "));
    }

    @Test
    void invokesEveryOperationAndReceivesTheNotifications() throws Exception {
        List<Notification> received = new CopyOnWriteArrayList<>();
        jmx.addNotificationListener(IMAGES, (n, handback) -> received.add(n), null, null);

        assertEquals("Read 4 mounted images: 1 Ok, 2 NeedsRemount, 1 Invalid.", jmx.invoke(IMAGES, "refresh", null, null));
        String remounted = (String) jmx.invoke(IMAGES, "remount", new Object[] {"c:/mount/REMOUNT/"}, new String[] {String.class.getName()});
        assertTrue(remounted.matches("Remounted C:\\\\Mount\\\\remount in \\d+\\.\\d s; it is now Ok\\."), remounted);
        assertEquals("Ok", state.statusOf("C:\\Mount\\remount"));
        assertEquals("Ok", jmx.getAttribute(jmxImage("C:\\Mount\\remount"), "Status"));
        assertTrue(((String) jmx.getAttribute(jmxImage("C:\\Mount\\remount"), "LastRemountResult")).contains("manual: Remounted"));

        String perImage = (String) jmx.invoke(jmxImage("C:\\Mount\\second"), "remount", null, null);
        assertTrue(perImage.startsWith("Remounted C:\\Mount\\second"), perImage);
        assertEquals("No image needs a remount.", jmx.invoke(IMAGES, "remountAll", null, null));
        String cleanup = (String) jmx.invoke(IMAGES, "cleanupMountpoints", null, null);
        assertTrue(cleanup.endsWith(": 4 images mounted before, 3 now."), cleanup);
        Eventually.await("the Invalid image's MBean is unregistered", () -> !isRegistered(jmxImage("C:\\Mount\\bad")));

        Eventually.await("notifications", () -> received.stream().filter(n -> n.getType().equals("dismagent.remount")).count() == 2
                && received.stream().anyMatch(n -> n.getMessage().equals("C:\\Mount\\bad disappeared (was Invalid)")));
        assertTrue(received.stream().anyMatch(n -> n.getMessage().equals("C:\\Mount\\remount changed from NeedsRemount to Ok")));
    }

    @Test
    void writableAttributesValidateWhatTheyAreGiven() throws Exception {
        jmx.setAttribute(IMAGES, new Attribute("RefreshInterval", "5m"));
        assertEquals("5m", jmx.getAttribute(IMAGES, "RefreshInterval"));
        RuntimeMBeanException bad = assertThrows(RuntimeMBeanException.class,
                () -> jmx.setAttribute(IMAGES, new Attribute("RefreshInterval", "5 minutes")));
        assertEquals("'5 minutes' is not a duration: expected a whole number followed by ms, s, m or h, e.g. 500ms, 30s, 5m, 1h",
                bad.getCause().getMessage());

        jmx.setAttribute(IMAGES, new Attribute("AutoRemount", true));
        Eventually.await("auto-remount repairs both images", () -> "Ok".equals(state.statusOf("C:\\Mount\\second"))
                && "Ok".equals(state.statusOf("C:\\Mount\\remount")));
    }

    @Test
    void badArgumentsGetAClearErrorAndNoDismCall() throws Exception {
        trace.clear();
        for (String bad : new String[] {null, "", "Mount\\remount", "C:\\" + "x".repeat(40_000), "C:\\Mount\\re\0mount"}) {
            RuntimeMBeanException e = assertThrows(RuntimeMBeanException.class,
                    () -> jmx.invoke(IMAGES, "remount", new Object[] {bad}, new String[] {String.class.getName()}));
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertTrue(e.getCause().getMessage().startsWith("mountPath: "), e.getCause().getMessage());
        }
        String unknown = (String) jmx.invoke(IMAGES, "remount", new Object[] {"C:\\Mount\\nowhere"}, new String[] {String.class.getName()});
        assertTrue(unknown.startsWith("Refused: C:\\Mount\\nowhere is not mounted.\n"), unknown);
        assertEquals(0, trace.count("DismRemountImage"));
    }

    private boolean isRegistered(ObjectName name) {
        try {
            return jmx.isRegistered(name);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ObjectName jmxImage(String path) {
        return name("io.github.dismagent:type=MountedImage,path=" + ObjectName.quote(path));
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
