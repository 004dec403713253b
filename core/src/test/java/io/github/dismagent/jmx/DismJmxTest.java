package io.github.dismagent.jmx;

import static io.github.dismagent.monitor.MonitorFixture.fast;
import static io.github.dismagent.monitor.MonitorFixture.refreshed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.dism.EmulatorFixture;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.MonitorFixture;
import io.github.dismagent.monitor.MonitorSettings;
import io.github.dismagent.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.openmbean.ArrayType;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenMBeanAttributeInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DismJmxTest {
    /** The name docs/reference.md gives ("JMX"), written out here rather than taken from the code under test. */
    private static final ObjectName IMAGES = contractName("io.github.dismagent:type=DismImages");
    @RegisterExtension
    final EmulatorFixture emulator = new EmulatorFixture();

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();

    private static StateFileText table() {
        return new StateFileText()
                .mount("C:\\Mount\\ok", "D:\\ok.wim", 1, "ReadWrite", "Ok")
                .mount("C:\\Mount\\remount", "D:\\remount.wim", 2, "ReadOnly", "NeedsRemount")
                .mount("C:\\Mount\\bad", "D:\\bad.wim", 3, "ReadWrite", "Invalid");
    }

    private DismMonitor monitor(MonitorSettings settings) {
        emulator.write(table());
        DismMonitor monitor = MonitorFixture.start(emulator, settings, null);
        refreshed(monitor);
        return monitor;
    }

    private DismJmx register(DismMonitor monitor) throws Exception {
        return emulator.closeAfterTest(DismJmx.register(server, DismJmx.DEFAULT_DOMAIN, monitor, () -> "http://127.0.0.1:9781/metrics"));
    }

    @Test
    void describesTheMBeanEveryAttributeOperationAndParameter() throws Exception {
        DismJmx jmx = register(monitor(fast().withRefreshInterval(Duration.ofHours(1))));

        MBeanInfo info = server.getMBeanInfo(IMAGES);

        assertTrue(info.getDescription().startsWith("The Windows images mounted on this machine"), info.getDescription());
        assertEquals(Set.of("Available", "Backend", "MountedImages", "MountedCount", "OkCount", "NeedsRemountCount", "InvalidCount",
                "LastRefresh", "LastError", "RefreshInterval", "AutoRemount", "MountLimitWarning", "HttpEndpoint"), names(info.getAttributes()));
        for (MBeanAttributeInfo attribute : info.getAttributes()) {
            assertDescribed(attribute.getName(), attribute.getDescription());
        }
        assertTrue(attribute(info, "RefreshInterval").isWritable() && attribute(info, "AutoRemount").isWritable());
        assertFalse(attribute(info, "Available").isWritable());
        for (MBeanOperationInfo op : info.getOperations()) {
            assertDescribed(op.getName(), op.getDescription());
            assertEquals(MBeanOperationInfo.ACTION, op.getImpact(), op.getName());
            for (var parameter : op.getSignature()) {
                assertEquals("mountPath", parameter.getName());
                assertDescribed(parameter.getName(), parameter.getDescription());
            }
        }
        assertEquals(Set.of("refresh", "remount", "remountAll", "cleanupMountpoints", "unmountDiscard"), names(info.getOperations()));
        assertEquals(3, info.getNotifications().length);

        ArrayType<?> rows = (ArrayType<?>) ((OpenMBeanAttributeInfo) attribute(info, "MountedImages")).getOpenType();
        CompositeType row = (CompositeType) rows.getElementOpenType();
        assertEquals(Set.of("MountPath", "ImageFilePath", "ImageIndex", "MountMode", "Status", "StatusSince"), row.keySet());

        MBeanInfo image = server.getMBeanInfo(jmx.imageName("C:\\Mount\\ok"));
        assertEquals(Set.of("MountPath", "ImageFilePath", "ImageIndex", "MountMode", "Status", "StatusSince", "LastRemountResult",
                "Advice", "Operation"), names(image.getAttributes()));
        for (MBeanAttributeInfo attribute : image.getAttributes()) {
            assertDescribed(attribute.getName(), attribute.getDescription());
        }
        assertEquals(Set.of("remount", "unmountDiscard"), names(image.getOperations()));
        for (MBeanOperationInfo op : image.getOperations()) {
            assertDescribed(op.getName(), op.getDescription());
            assertEquals(MBeanOperationInfo.ACTION, op.getImpact(), op.getName());
        }
    }

    @Test
    void showsTheMountTableAsTheContractSpellsIt() throws Exception {
        register(monitor(fast().withRefreshInterval(Duration.ofHours(1))));
        ObjectName name = IMAGES;

        CompositeData[] rows = (CompositeData[]) server.getAttribute(name, "MountedImages");

        assertEquals(3, rows.length);
        assertEquals("C:\\Mount\\remount", rows[1].get("MountPath"));
        assertEquals("D:\\remount.wim", rows[1].get("ImageFilePath"));
        assertEquals(2, rows[1].get("ImageIndex"));
        assertEquals("ReadOnly", rows[1].get("MountMode"));
        assertEquals("NeedsRemount", rows[1].get("Status"));
        assertEquals(3, server.getAttribute(name, "MountedCount"));
        assertEquals(1, server.getAttribute(name, "NeedsRemountCount"));
        assertEquals(true, server.getAttribute(name, "Available"));
        assertEquals("1h", server.getAttribute(name, "RefreshInterval"));
        assertEquals("http://127.0.0.1:9781/metrics", server.getAttribute(name, "HttpEndpoint"));

        DismImagesMBean proxy = JMX.newMXBeanProxy(server, name, DismImagesMBean.class);
        assertEquals("Invalid", proxy.getMountedImages()[2].getStatus(), "a typed proxy reads the contract's rows");
        assertEquals("1h", proxy.getRefreshInterval());
    }

    @Test
    void registersAndUnregistersOneMBeanPerImageAsImagesComeAndGo() throws Exception {
        DismMonitor monitor = monitor(fast().withRefreshInterval(Duration.ofHours(1)));
        DismJmx jmx = register(monitor);
        ObjectName quoted = new ObjectName("io.github.dismagent:type=MountedImage,path=\"C:\\\\Mount\\\\remount\"");
        assertEquals(quoted, jmx.imageName("C:\\Mount\\remount"));
        assertEquals("NeedsRemount", server.getAttribute(quoted, "Status"));

        emulator.write(new StateFileText().mount("C:\\Mount\\ok", "D:\\ok.wim", 1, "ReadWrite", "Ok"));
        refreshed(monitor);

        assertFalse(server.isRegistered(quoted));
        assertEquals(Set.of(jmx.imageName("C:\\Mount\\ok")), server.queryNames(new ObjectName("io.github.dismagent:type=MountedImage,*"), null));
    }

    @Test
    void tenThousandAppearDisappearCyclesLeaveNoMBeanBehind() throws Exception {
        DismMonitor monitor = monitor(fast().withRefreshInterval(Duration.ofHours(1)));
        register(monitor);
        int withoutImages = server.getMBeanCount() - 3; // the delegate and DismImages
        StateFileText ten = new StateFileText();
        for (int i = 0; i < 10; i++) {
            ten.mount("C:\\Mount\\cycle-" + i, "D:\\" + i + ".wim", i, "ReadWrite", i % 2 == 0 ? "NeedsRemount" : "Ok");
        }
        for (int cycle = 0; cycle < 1000; cycle++) { // 10 images appear and disappear each cycle: 10,000 cycles
            emulator.write(ten);
            refreshed(monitor);
            assertEquals(withoutImages + 10, server.getMBeanCount());
            emulator.write(new StateFileText());
            refreshed(monitor);
        }
        assertEquals(withoutImages, server.getMBeanCount(), "no image MBean is left");
    }

    @Test
    void sendsStatusChangeAndRemountNotificationsWithCompositeData() throws Exception {
        DismMonitor monitor = monitor(fast().withRefreshInterval(Duration.ofHours(1)));
        register(monitor);
        List<Notification> received = new CopyOnWriteArrayList<>();
        server.addNotificationListener(IMAGES, (n, handback) -> received.add(n), null, null);

        String result = (String) server.invoke(IMAGES, "remount",
                new Object[] {"C:\\Mount\\remount"}, new String[] {String.class.getName()});

        assertTrue(result.startsWith("Remounted C:\\Mount\\remount"), result);
        Eventually.await("two notifications", () -> received.size() >= 2);
        Notification changed = received.stream().filter(n -> n.getType().equals("dismagent.status.changed")).findFirst().orElseThrow();
        assertEquals("C:\\Mount\\remount changed from NeedsRemount to Ok", changed.getMessage());
        CompositeData data = (CompositeData) changed.getUserData();
        assertEquals("changed", data.get("Change"));
        assertEquals("NeedsRemount", data.get("PreviousStatus"));
        assertEquals("Ok", data.get("Status"));
        Notification remount = received.stream().filter(n -> n.getType().equals("dismagent.remount")).findFirst().orElseThrow();
        assertTrue(remount.getMessage().startsWith("manual remount: Remounted C:\\Mount\\remount"), remount.getMessage());
        assertEquals("success", ((CompositeData) remount.getUserData()).get("Result"));
        assertEquals("manual", ((CompositeData) remount.getUserData()).get("Trigger"));
        assertNotEquals(changed.getSequenceNumber(), remount.getSequenceNumber());
    }

    @Test
    void gettersAnswerFromTheSnapshotWhileDismHangs() throws Exception {
        DismMonitor monitor = monitor(fast().withRefreshInterval(Duration.ofHours(1)).withCallTimeout(Duration.ofMillis(300)));
        register(monitor);
        ObjectName name = IMAGES;
        emulator.write(table().delay("DismGetMountedImageInfo", Duration.ofSeconds(3)));
        monitor.refresh();
        Eventually.await("DISM counted as not answering", () -> !monitor.snapshot().available());

        for (int i = 0; i < 50; i++) {
            long start = System.nanoTime();
            assertEquals(3, ((CompositeData[]) server.getAttribute(name, "MountedImages")).length);
            assertEquals(false, server.getAttribute(name, "Available"));
            assertTrue(((String) server.getAttribute(name, "LastError")).startsWith("DismGetMountedImageInfo has not returned"));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(1).toNanos(), "a getter waited on DISM");
        }
        emulator.write(table());
        Eventually.await("DISM answers again", () -> monitor.snapshot().available());
    }

    @Test
    void warnsWhenMoreThanTwentyImagesAreMountedAndStopsWhenTwentyAre() throws Exception {
        StateFileText twentyOne = new StateFileText();
        for (int i = 1; i <= 21; i++) {
            twentyOne.mount("C:\\Mount\\m" + i, "D:\\m.wim", i, "ReadOnly", "Ok");
        }
        emulator.write(twentyOne);
        DismMonitor monitor = MonitorFixture.start(emulator, fast().withRefreshInterval(Duration.ofHours(1)), null);
        refreshed(monitor);
        register(monitor);

        assertEquals("21 images are mounted; Microsoft advises at most 20 on one machine (DISM slows down and mounts fail beyond it). "
                + "Unmount the images no longer in use.", server.getAttribute(IMAGES, "MountLimitWarning"));
        assertEquals("", server.getAttribute(IMAGES, "LastError"), "LastError stays for DISM's failures");

        emulator.write(table());
        refreshed(monitor);
        assertEquals("", server.getAttribute(IMAGES, "MountLimitWarning"));
    }

    @Test
    void aCustomDomainIsUsed() throws Exception {
        DismMonitor monitor = monitor(fast().withRefreshInterval(Duration.ofHours(1)));
        emulator.closeAfterTest(DismJmx.register(server, "acme.imaging", monitor, () -> "none"));

        assertTrue(server.isRegistered(new ObjectName("acme.imaging:type=DismImages")));
        assertEquals(3, server.queryNames(new ObjectName("acme.imaging:type=MountedImage,*"), null).size());
    }

    private static void assertDescribed(String what, String description) {
        assertTrue(description != null && description.length() > 10 && !description.startsWith("Attribute exposed")
                && !description.startsWith("Operation exposed") && !description.equals("p0"), what + ": " + description);
    }

    private static MBeanAttributeInfo attribute(MBeanInfo info, String name) {
        for (MBeanAttributeInfo a : info.getAttributes()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        throw new AssertionError("no attribute " + name);
    }

    private static Set<String> names(javax.management.MBeanFeatureInfo[] features) {
        List<String> names = new ArrayList<>();
        for (var f : features) {
            names.add(f.getName());
        }
        return Set.copyOf(names);
    }

    @Test
    void aRunawayNumberOfMountsGetsBoundedMBeansAndNotifications() throws Exception {
        emulator.write(new StateFileText());
        DismMonitor monitor = MonitorFixture.start(emulator, fast().withRefreshInterval(Duration.ofHours(1)), null);
        refreshed(monitor);
        DismJmx jmx = register(monitor);
        List<Notification> received = new CopyOnWriteArrayList<>();
        server.addNotificationListener(IMAGES, (n, handback) -> received.add(n), null, null);
        StateFileText many = new StateFileText();
        for (int i = 0; i < DismJmx.MAX_IMAGE_MBEANS + 500; i++) {
            many.mount("C:\\Mount\\" + i, "D:\\" + i + ".wim", 1, "ReadOnly", "Ok");
        }
        emulator.write(many);
        refreshed(monitor);

        ObjectName images = new ObjectName("io.github.dismagent:type=MountedImage,*");
        Eventually.awaitValue("MBeans for the first images only", DismJmx.MAX_IMAGE_MBEANS, () -> server.queryNames(images, null).size());
        assertTrue(server.isRegistered(jmx.imageName("C:\\Mount\\0")));
        assertFalse(server.isRegistered(jmx.imageName("C:\\Mount\\1499")));
        assertEquals(1500, server.getAttribute(IMAGES, "MountedCount"));
        Eventually.awaitValue("notifications", DismJmx.MAX_NOTIFICATIONS_PER_READ + 1, received::size);
        assertEquals("... and 500 more changes in this read, not notified one by one; MountedImages lists every image",
                received.get(received.size() - 1).getMessage());

        emulator.write(new StateFileText().mount("C:\\Mount\\1499", "D:\\1499.wim", 1, "ReadOnly", "Ok"));
        refreshed(monitor);
        Eventually.awaitValue("one MBean, for the image left", 1, () -> server.queryNames(images, null).size());
    }

    private static ObjectName contractName(String name) {
        try {
            return new ObjectName(name);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
