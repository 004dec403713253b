package io.github.dismagent.jmx;

import static io.github.dismagent.jmx.RemoteMonitoredServer.IMAGES;
import static io.github.dismagent.jmx.RemoteMonitoredServer.jmxImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.dism.HResult;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.metrics.Scrape;
import io.github.dismagent.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** unmountDiscard from a second JVM, as JConsole would call it, over the JDK's JMX RMI connector. */
class RemoteUnmountTest {
    private static final ObjectName BAD = jmxImage("C:\\Mount\\bad");
    private static final String[] STRING = {String.class.getName()};

    @TempDir
    Path directory;

    private RemoteMonitoredServer server;
    private MBeanServerConnection jmx;
    private final List<Notification> received = new CopyOnWriteArrayList<>();

    private static StateFileText table() {
        return new StateFileText()
                .mount("C:\\Mount\\ok", "D:\\ok.wim", 1, "ReadWrite", "Ok")
                .mount("C:\\Mount\\remount", "D:\\remount.wim", 2, "ReadOnly", "NeedsRemount")
                .mount("C:\\Mount\\bad", "D:\\bad.wim", 3, "ReadWrite", "Invalid");
    }

    @Test
    void unmountsAnInvalidImageWithDiscardShowingItsProgress() throws Exception {
        start(table().delay("DismUnmountImage", Duration.ofSeconds(4)), "allowUnmount");
        assertEquals("Unmount it with discard: the unmountDiscard operation (JMX), then cleanupMountpoints (JMX).",
                jmx.getAttribute(BAD, "Advice"));
        assertEquals("", jmx.getAttribute(BAD, "Operation"));

        // Forward slashes, as jmxterm needs them: matched the Windows way.
        CompletableFuture<Object> result = inBackground(() -> jmx.invoke(IMAGES, "unmountDiscard", new Object[] {"C:/Mount/bad"}, STRING));
        List<String> seen = new ArrayList<>();
        Eventually.await("progress between 0 and 100 %", () -> {
            String operation = attribute(BAD, "Operation");
            if (!operation.isEmpty() && !seen.contains(operation)) {
                seen.add(operation);
            }
            return operation.matches("unmount ([1-9]|[1-9][0-9])%");
        }, Duration.ofSeconds(30));

        String line = (String) result.get(60, TimeUnit.SECONDS);
        String[] lines = line.split("\n");
        assertTrue(lines[0].matches("Unmounted C:\\\\Mount\\\\bad with discard in \\d+\\.\\d s\\."), line);
        assertEquals("DISM no longer lists it.", lines[1], line);
        assertTrue(seen.stream().allMatch(s -> s.matches("unmount( \\d{1,3}%)?")), seen.toString());
        assertNull(server.state().statusOf("C:\\Mount\\bad"));
        Eventually.await("the image's MBean is unregistered", () -> !server.isRegistered(BAD));
        assertEquals(2, ((CompositeData[]) jmx.getAttribute(IMAGES, "MountedImages")).length);

        Eventually.await("the dismagent.unmount notification", () -> received.stream().anyMatch(n -> n.getType().equals("dismagent.unmount")));
        Notification unmount = received.stream().filter(n -> n.getType().equals("dismagent.unmount")).findFirst().orElseThrow();
        CompositeData data = (CompositeData) unmount.getUserData();
        assertEquals("C:\\Mount\\bad", data.get("MountPath"));
        assertEquals("success", data.get("Result"));
        assertEquals(line, data.get("Message"));
        assertTrue((Long) data.get("DurationMillis") >= 3000, "DISM's own time: " + data.get("DurationMillis"));

        Scrape scrape = scrape();
        assertEquals(1.0, scrape.sample("dism_unmount_total", "result", "success"));
        assertEquals(0.0, scrape.sample("dism_unmount_total", "result", "failure"));
        assertTrue(scrape.named("dism_image_status").keySet().stream().noneMatch(k -> k.contains("C:\\Mount\\bad")),
                scrape.named("dism_image_status").toString());
        assertEquals(1, server.trace().count("DismUnmountImage"));
    }

    @Test
    void isRefusedWithoutAllowUnmountAndTheAdviceNamesTheCommands() throws Exception {
        start(table());

        String refused = (String) jmx.invoke(BAD, "unmountDiscard", null, null);

        assertEquals("Refused: unmountDiscard is disabled.\n"
                + "It throws away every change made in the mount; start dismagent with allowUnmount=true to enable it.", refused);
        assertEquals("Unmount it with discard, then clean up: DISM /Unmount-Image /MountDir:\"C:\\Mount\\bad\" /Discard, then "
                + "DISM /Cleanup-Mountpoints (PowerShell: Dismount-WindowsImage -Path 'C:\\Mount\\bad' -Discard, then "
                + "Clear-WindowsCorruptMountPoint).", jmx.getAttribute(BAD, "Advice"));
        assertRefusalChangedNothing();
    }

    @Test
    void isRefusedUnderReadOnly() throws Exception {
        start(table(), "allowUnmount", "readOnly");

        String refused = (String) jmx.invoke(IMAGES, "unmountDiscard", new Object[] {"C:\\Mount\\bad"}, STRING);

        assertTrue(refused.startsWith("Refused: dismagent runs with readOnly=true"), refused);
        assertRefusalChangedNothing();
    }

    @Test
    void isRefusedWhileARemountOfTheSameImageRuns() throws Exception {
        start(table().delay("DismRemountImage", Duration.ofSeconds(4)), "allowUnmount");
        ObjectName remounting = jmxImage("C:\\Mount\\remount");
        CompletableFuture<Object> remount = inBackground(() -> jmx.invoke(remounting, "remount", null, null));
        Eventually.await("the remount runs", () -> attribute(remounting, "Operation").equals("remount"), Duration.ofSeconds(30));

        String refused = (String) jmx.invoke(IMAGES, "unmountDiscard", new Object[] {"c:\\mount\\REMOUNT"}, STRING);

        assertTrue(refused.startsWith("Refused: a remount of C:\\Mount\\remount is already in progress.\nIt started "), refused);
        assertTrue(((String) remount.get(60, TimeUnit.SECONDS)).startsWith("Remounted C:\\Mount\\remount"));
        assertEquals(0, server.trace().count("DismUnmountImage"));
        assertEquals("Ok", server.state().statusOf("C:\\Mount\\remount"));
    }

    @Test
    void filesStillOpenGivesTheFixAndLeavesTheImageListed() throws Exception {
        start(table().fail("DismUnmountImage", HResult.WIM_FILES_STILL_OPEN, "The directory is not empty."), "allowUnmount");

        String failed = (String) jmx.invoke(BAD, "unmountDiscard", null, null);

        String[] lines = failed.split("\n");
        assertEquals("Unmount of C:\\Mount\\bad failed.", lines[0], failed);
        assertTrue(lines[1].startsWith("0xC1420117"), failed);
        assertEquals("Files in the mount are still open: close Explorer windows and command prompts in it, and pause antivirus "
                + "scanning of it.", lines[2], failed);
        assertEquals("Invalid", server.state().statusOf("C:\\Mount\\bad"));
        assertTrue(server.isRegistered(BAD));
        assertEquals(3, ((CompositeData[]) jmx.getAttribute(IMAGES, "MountedImages")).length);
        Eventually.await("the failure is counted", () -> Double.valueOf(1.0).equals(scrape().sample("dism_unmount_total", "result", "failure")));
        Eventually.await("the dismagent.unmount notification", () -> received.stream()
                .anyMatch(n -> n.getType().equals("dismagent.unmount") && "failure".equals(((CompositeData) n.getUserData()).get("Result"))));
    }

    private void assertRefusalChangedNothing() throws Exception {
        assertEquals(0, server.trace().count("DismUnmountImage"));
        assertEquals("Invalid", server.state().statusOf("C:\\Mount\\bad"));
        assertTrue(server.isRegistered(BAD));
        Scrape scrape = scrape();
        assertEquals(0.0, scrape.sample("dism_unmount_total", "result", "success"));
        assertEquals(0.0, scrape.sample("dism_unmount_total", "result", "failure"));
        assertTrue(received.stream().noneMatch(n -> n.getType().equals("dismagent.unmount")));
    }

    private void start(StateFileText table, String... flags) throws Exception {
        server = RemoteMonitoredServer.start(directory, table, flags);
        jmx = server.jmx();
        jmx.addNotificationListener(IMAGES, (n, handback) -> received.add(n), null, null);
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @FunctionalInterface
    private interface Invocation {
        Object call() throws Exception;
    }

    private static CompletableFuture<Object> inBackground(Invocation invocation) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return invocation.call();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    private Scrape scrape() {
        return Scrape.parse(attribute(RemoteMonitoredServer.name(MonitoredServerMain.SCRAPE), "Text"));
    }

    private String attribute(ObjectName name, String attribute) {
        try {
            return (String) jmx.getAttribute(name, attribute);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
