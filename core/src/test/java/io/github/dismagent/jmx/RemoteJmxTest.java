package io.github.dismagent.jmx;

import static io.github.dismagent.jmx.RemoteMonitoredServer.IMAGES;
import static io.github.dismagent.jmx.RemoteMonitoredServer.jmxImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.testing.Eventually;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.Attribute;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second JVM, as JConsole would be, over the JDK's JMX RMI connector. */
class RemoteJmxTest {
    @TempDir
    Path directory;

    private RemoteMonitoredServer server;
    private MBeanServerConnection jmx;

    @BeforeEach
    void startServerAndConnect() throws Exception {
        server = RemoteMonitoredServer.start(directory, new StateFileText()
                .mount("C:\\Mount\\ok", "D:\\ok.wim", 1, "ReadWrite", "Ok")
                .mount("C:\\Mount\\remount", "D:\\remount.wim", 2, "ReadOnly", "NeedsRemount")
                .mount("C:\\Mount\\second", "D:\\second.wim", 1, "ReadWrite", "NeedsRemount")
                .mount("C:\\Mount\\bad", "D:\\bad.wim", 3, "ReadWrite", "Invalid"));
        jmx = server.jmx();
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
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
        assertEquals("Ok", server.state().statusOf("C:\\Mount\\remount"));
        assertEquals("Ok", jmx.getAttribute(jmxImage("C:\\Mount\\remount"), "Status"));
        assertTrue(((String) jmx.getAttribute(jmxImage("C:\\Mount\\remount"), "LastRemountResult")).contains("manual: Remounted"));

        String perImage = (String) jmx.invoke(jmxImage("C:\\Mount\\second"), "remount", null, null);
        assertTrue(perImage.startsWith("Remounted C:\\Mount\\second"), perImage);
        assertEquals("No image needs a remount.", jmx.invoke(IMAGES, "remountAll", null, null));
        String cleanup = (String) jmx.invoke(IMAGES, "cleanupMountpoints", null, null);
        assertTrue(cleanup.endsWith(": 4 images mounted before, 3 now."), cleanup);
        Eventually.await("the Invalid image's MBean is unregistered", () -> !server.isRegistered(jmxImage("C:\\Mount\\bad")));

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
        Eventually.await("auto-remount repairs both images", () -> "Ok".equals(server.state().statusOf("C:\\Mount\\second"))
                && "Ok".equals(server.state().statusOf("C:\\Mount\\remount")));
    }

    @Test
    void badArgumentsGetAClearErrorAndNoDismCall() throws Exception {
        server.trace().clear();
        for (String bad : new String[] {null, "", "Mount\\remount", "C:\\" + "x".repeat(40_000), "C:\\Mount\\re\0mount"}) {
            RuntimeMBeanException e = assertThrows(RuntimeMBeanException.class,
                    () -> jmx.invoke(IMAGES, "remount", new Object[] {bad}, new String[] {String.class.getName()}));
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertTrue(e.getCause().getMessage().startsWith("mountPath: "), e.getCause().getMessage());
        }
        String unknown = (String) jmx.invoke(IMAGES, "remount", new Object[] {"C:\\Mount\\nowhere"}, new String[] {String.class.getName()});
        assertTrue(unknown.startsWith("Refused: C:\\Mount\\nowhere is not mounted.\n"), unknown);
        assertEquals(0, server.trace().count("DismRemountImage"));
    }
}
