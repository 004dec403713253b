package io.github.dismagent.monitor;

import static io.github.dismagent.monitor.MonitorFixture.fast;
import static io.github.dismagent.monitor.MonitorFixture.refreshed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.dism.DismSession;
import io.github.dismagent.dism.EmulatorFixture;
import io.github.dismagent.dism.HResult;
import io.github.dismagent.dism.MountStatus;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.testing.Eventually;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DismMonitorTest {
    @RegisterExtension
    final EmulatorFixture emulator = new EmulatorFixture();

    private static StateFileText threeStatuses() {
        return new StateFileText()
                .mount("C:\\Mount\\ok", "D:\\ok.wim", 1, "ReadWrite", "Ok")
                .mount("C:\\Mount\\remount", "D:\\remount.wim", 2, "ReadOnly", "NeedsRemount")
                .mount("C:\\Mount\\invalid", "D:\\invalid.wim", 3, "ReadWrite", "Invalid");
    }

    @Test
    void readsTheMountTableAtStartAndOnTheInterval() {
        emulator.write(threeStatuses());
        DismMonitor monitor = MonitorFixture.start(emulator, fast(), null);

        Eventually.await("first read", () -> monitor.snapshot().available());
        Snapshot s = monitor.snapshot();
        assertEquals(3, s.mountedCount());
        assertEquals(1, s.count(MountStatus.OK));
        assertEquals(1, s.count(MountStatus.NEEDS_REMOUNT));
        assertEquals(1, s.count(MountStatus.INVALID));
        assertEquals("", s.lastError());
        assertTrue(s.backend().startsWith("DismAPI emulator at "), s.backend());

        Eventually.await("several scheduled reads", () -> emulator.trace.count("DismGetMountedImageInfo") >= 3);
    }

    @Test
    void reportsAppearedChangedAndDisappearedImagesAndKeepsStatusSince() throws Exception {
        RecordingListener events = new RecordingListener();
        emulator.write(threeStatuses());
        DismMonitor monitor = MonitorFixture.start(emulator, fast().withRefreshInterval(Duration.ofHours(1)), events);
        Snapshot first = refreshed(monitor);
        Instant okSince = first.find("C:\\Mount\\ok").orElseThrow().statusSince();
        Instant remountSince = first.find("C:\\Mount\\remount").orElseThrow().statusSince();
        events.changes.clear();
        Thread.sleep(20);

        emulator.write(new StateFileText()
                .mount("C:\\Mount\\ok", "D:\\ok.wim", 1, "ReadWrite", "Ok")
                .mount("C:\\Mount\\remount", "D:\\remount.wim", 2, "ReadOnly", "Ok")
                .mount("C:\\Mount\\new", "D:\\new.wim", 1, "ReadWrite", "NeedsRemount"));
        Snapshot second = refreshed(monitor);

        assertEquals(List.of("C:\\Mount\\remount changed from NeedsRemount to Ok", "C:\\Mount\\new appeared (NeedsRemount)",
                "C:\\Mount\\invalid disappeared (was Invalid)"), events.describedChanges());
        assertEquals(okSince, second.find("C:\\Mount\\ok").orElseThrow().statusSince(), "unchanged status keeps its time");
        assertTrue(second.find("C:\\Mount\\remount").orElseThrow().statusSince().isAfter(remountSince), "a new status gets a new time");
    }

    @Test
    void oddRowsAreShownOnceAndLoggedOnceNotAtEveryRead() throws Exception {
        emulator.write(new StateFileText()
                .mount("C:\\Mount\\twice", "D:\\twice.wim", 1, "ReadWrite", "Ok")
                .mount("C:\\Mount\\twice", "D:\\twice.wim", 1, "ReadWrite", "Invalid")
                .mount("C:\\Mount\\other", "D:\\other.wim", 4294967295L, "ReadOnly", "Ok"));
        DismMonitor[] started = new DismMonitor[1];

        String log = StandardErrorCapture.during(() -> {
            started[0] = MonitorFixture.start(emulator, fast().withRefreshInterval(Duration.ofHours(1)), null);
            refreshed(started[0]);
            refreshed(started[0]);
        });
        Snapshot snapshot = started[0].snapshot();

        assertEquals(List.of("C:\\Mount\\twice", "C:\\Mount\\other"), snapshot.images().stream().map(MonitoredImage::mountPath).toList());
        assertEquals(2, snapshot.count(MountStatus.OK));
        assertEquals(0, snapshot.count(MountStatus.INVALID), "the repeat's status is not counted");
        assertEquals(2, occurrences(log, " WARN "), log);
        assertEquals(1, occurrences(log, "DISM listed C:\\Mount\\twice twice"), log);
        assertEquals(1, occurrences(log, "the image index 4294967295"), log);
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void aFailedRefreshKeepsTheLastTableAndSaysWhy() {
        emulator.write(threeStatuses());
        DismMonitor monitor = MonitorFixture.start(emulator, fast().withRefreshInterval(Duration.ofHours(1)), null);
        Snapshot good = refreshed(monitor);

        emulator.write(threeStatuses().fail("DismGetMountedImageInfo", HResult.E_ACCESSDENIED, "access denied to the mount registry"));
        Snapshot failed = refreshed(monitor);

        assertFalse(failed.available());
        assertEquals(3, failed.mountedCount(), "the last good table stays");
        assertEquals(good.lastRefresh(), failed.lastRefresh());
        assertEquals("DismGetMountedImageInfo failed: 0x80070005 E_ACCESSDENIED: access denied to the mount registry", failed.lastError());

        emulator.write(threeStatuses());
        Snapshot recovered = refreshed(monitor);
        assertTrue(recovered.available());
        assertEquals("", recovered.lastError());
    }

    @Test
    void aTransientFailureIsRetriedBeforeTheNextIntervalAndRecoversByItself() {
        emulator.write(threeStatuses().fail("DismGetMountedImageInfo", HResult.DISMAPI_E_BUSY, ""));
        DismMonitor monitor = MonitorFixture.start(emulator, fast().withRefreshInterval(Duration.ofMinutes(10)), null);
        Eventually.await("the busy failure", () -> monitor.snapshot().lastError().contains("DISMAPI_E_BUSY"));

        emulator.write(threeStatuses());

        Eventually.await("recovery without waiting for the 10-minute interval", () -> monitor.snapshot().available());
        assertEquals(3, monitor.snapshot().mountedCount());
    }

    @Test
    void aHungRefreshLeavesReadersTheLastSnapshotAndQueuesNothingBehindIt() throws Exception {
        emulator.write(threeStatuses());
        MonitorSettings settings = fast().withRefreshInterval(Duration.ofMillis(100)).withCallTimeout(Duration.ofMillis(300));
        DismSession session = emulator.session();
        DismMonitor monitor = MonitorFixture.start(emulator, session, settings, null);
        Eventually.await("first read", () -> monitor.snapshot().available());
        emulator.write(threeStatuses().delay("DismGetMountedImageInfo", Duration.ofSeconds(4)));

        Eventually.await("DISM reported as not answering", () -> !monitor.snapshot().available());
        Snapshot hung = monitor.snapshot();
        assertTrue(hung.lastError().startsWith("DismGetMountedImageInfo has not returned after"), hung.lastError());
        assertEquals(3, hung.mountedCount());
        Thread.sleep(500); // several intervals pass while DISM hangs
        emulator.trace.clear();
        assertEquals("DismGetMountedImageInfo", session.runningCall().orElseThrow().function());
        assertEquals(0, session.queuedCalls(), "no read queued behind the hung one");
        long manualStart = System.nanoTime();
        assertTrue(new MonitorOperations(monitor).remount("C:\\Mount\\remount").startsWith("Refused: DISM is busy.\nDISM has not returned from DismGetMountedImageInfo"));
        assertTrue(System.nanoTime() - manualStart < Duration.ofSeconds(2).toNanos(), "refused at once, not queued");

        emulator.write(threeStatuses());
        Eventually.await("recovery once DISM answers", () -> monitor.snapshot().available());
        assertEquals(0, emulator.trace.count("DismRemountImage"));
    }

    @Test
    void refreshIntervalIsValidatedAndApplied() {
        DismMonitor monitor = MonitorFixture.start(emulator, fast(), null);

        IllegalArgumentException tooShort = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> monitor.setRefreshInterval(Duration.ofMillis(10)));
        assertEquals("the refresh interval must be from 100ms to 24h, was 10ms", tooShort.getMessage());
        monitor.setRefreshInterval(Duration.ofMinutes(5));
        assertEquals(Duration.ofMinutes(5), monitor.settings().refreshInterval());
    }
}
