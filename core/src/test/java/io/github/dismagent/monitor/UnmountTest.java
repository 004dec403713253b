package io.github.dismagent.monitor;

import static io.github.dismagent.monitor.MonitorFixture.fast;
import static io.github.dismagent.monitor.MonitorFixture.refreshed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.dism.EmulatorFixture;
import io.github.dismagent.dism.MountPath;
import io.github.dismagent.dism.MountStatus;
import io.github.dismagent.dism.MountedImage;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.testing.Eventually;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** unmountDiscard in the monitor, the advice readers show, and what durations measure. */
class UnmountTest {
    @RegisterExtension
    final EmulatorFixture emulator = new EmulatorFixture();

    private final RecordingListener events = new RecordingListener();
    private DismMonitor monitor;

    private static StateFileText table() {
        return new StateFileText()
                .mount("C:\\Mount\\ok", "D:\\ok.wim", 1, "ReadWrite", "Ok")
                .mount("C:\\Mount\\remount", "D:\\remount.wim", 2, "ReadOnly", "NeedsRemount")
                .mount("C:\\Mount\\bad", "D:\\bad.wim", 3, "ReadWrite", "Invalid");
    }

    private MonitorOperations operations(StateFileText table, MonitorSettings settings) {
        emulator.write(table);
        monitor = MonitorFixture.start(emulator, settings.withRefreshInterval(Duration.ofHours(1)), events);
        refreshed(monitor);
        emulator.trace.clear();
        return new MonitorOperations(monitor);
    }

    @Test
    void aCallerWaitsAtMostCallTimeoutAndSeesTheProgressMeanwhile() {
        MonitorOperations operations = operations(table().delay("DismUnmountImage", Duration.ofSeconds(2)),
                fast().withAllowUnmount(true).withCallTimeout(Duration.ofMillis(300)));

        String answer = operations.unmountDiscard("c:\\mount\\BAD");

        assertEquals("The unmount of c:\\mount\\BAD is still running.\nNo answer from DISM after 0.3 s; its progress is in the "
                + "image's Operation attribute, its result will come in a dismagent.unmount notification.", answer);
        MonitoredImage bad = monitor.snapshot().find("C:\\Mount\\bad").orElseThrow();
        Eventually.await("progress shown", () -> monitor.operationOf(bad).orElse("").matches("unmount [1-9][0-9]?%"));
        Eventually.await("the unmount ends", () -> !events.unmounts.isEmpty());
        assertEquals(OperationResult.SUCCESS, events.unmounts.get(0).result());
        assertEquals(Optional.empty(), monitor.operationOf(MountPath.of("C:\\Mount\\bad")));
        assertTrue(monitor.snapshot().find("C:\\Mount\\bad").isEmpty());
    }

    @Test
    void aRemountIsRefusedWhileAnUnmountOfTheSameImageRuns() {
        MonitorOperations operations = operations(table().delay("DismUnmountImage", Duration.ofSeconds(2)),
                fast().withAllowUnmount(true).withCallTimeout(Duration.ofSeconds(10)));
        CompletableFuture<UnmountOutcome> unmount = monitor.unmountDiscard(MountPath.of("C:\\Mount\\remount"));
        Eventually.await("the unmount runs", () -> monitor.operationOf(MountPath.of("C:\\Mount\\remount")).isPresent());

        String refused = operations.remount("C:\\Mount\\remount");

        assertTrue(refused.startsWith("Refused: an unmount of C:\\Mount\\remount is already in progress.\n"), refused);
        assertEquals(OperationResult.SUCCESS, unmount.join().result());
        assertEquals(0, emulator.trace.count("DismRemountImage"));
    }

    @Test
    void theRemountDurationIsDismsTimeNotTheTimeQueuedBehindARead() {
        MonitorOperations operations = operations(table(), fast().withCallTimeout(Duration.ofSeconds(20)));
        emulator.write(table().delay("DismGetMountedImageInfo", Duration.ofSeconds(2)));
        monitor.refresh(); // the monitor thread hands this read to DISM before the remount below
        long start = System.nanoTime();

        String result = operations.remount("C:\\Mount\\remount");

        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(result.startsWith("Remounted C:\\Mount\\remount in "), result);
        Duration took = events.remounts.get(0).duration();
        assertTrue(waited.toMillis() >= 1500, "the remount waited behind the read and the read after it: " + waited);
        assertTrue(took.toMillis() < 1000, "DISM's own time, without the wait: " + took);
    }

    @Test
    void anUnmountAfterWhichDismStillListsThePathSuggestsTheCleanup() {
        MonitoredImage still = image("C:\\Mount\\bad", MountStatus.INVALID);
        Snapshot after = new Snapshot(List.of(still), true, Instant.now(), "", "test");

        String withCleanup = UnmountMessages.unmounted("C:\\Mount\\bad", Duration.ofMillis(1200), 0, Optional.of(after), still.key(),
                MonitorSettings.defaults().withAllowCleanup(true));
        String withoutCleanup = UnmountMessages.unmounted("C:\\Mount\\bad", Duration.ofMillis(1200), 0, Optional.of(after), still.key(),
                MonitorSettings.defaults());

        assertEquals("Unmounted C:\\Mount\\bad with discard in 1.2 s.\nDISM still lists it, as Invalid: run cleanupMountpoints to remove it.",
                withCleanup);
        assertEquals("Unmounted C:\\Mount\\bad with discard in 1.2 s.\nDISM still lists it, as Invalid: run DISM /Cleanup-Mountpoints to "
                + "remove it.", withoutCleanup);
    }

    @Test
    void theAdviceNamesTheOperationsTheSettingsAllowElseTheCommands() {
        MonitoredImage needsRemount = image("C:\\Mount\\win11", MountStatus.NEEDS_REMOUNT);
        MonitoredImage invalid = image("C:\\Mount\\it's", MountStatus.INVALID);
        MonitorSettings defaults = MonitorSettings.defaults();

        assertEquals("", OperatorAdvice.advice(image("C:\\Mount\\ok", MountStatus.OK), defaults));
        assertEquals("Remount it: the remount operation (JMX), or DISM /Remount-Image /MountDir:\"C:\\Mount\\win11\".",
                OperatorAdvice.advice(needsRemount, defaults));
        assertEquals("Remount it: DISM /Remount-Image /MountDir:\"C:\\Mount\\win11\" (dismagent runs with readOnly=true).",
                OperatorAdvice.advice(needsRemount, defaults.withReadOnly(true)));
        assertEquals("Unmount it with discard: the unmountDiscard operation (JMX), then cleanupMountpoints (JMX).",
                OperatorAdvice.advice(invalid, defaults.withAllowUnmount(true).withAllowCleanup(true)));
        assertEquals("Unmount it with discard: the unmountDiscard operation (JMX), then DISM /Cleanup-Mountpoints.",
                OperatorAdvice.advice(invalid, defaults.withAllowUnmount(true)));
        String commands = "Unmount it with discard, then clean up: DISM /Unmount-Image /MountDir:\"C:\\Mount\\it's\" /Discard, then "
                + "DISM /Cleanup-Mountpoints (PowerShell: Dismount-WindowsImage -Path 'C:\\Mount\\it''s' -Discard, then "
                + "Clear-WindowsCorruptMountPoint).";
        assertEquals(commands, OperatorAdvice.advice(invalid, defaults));
        assertEquals(commands, OperatorAdvice.advice(invalid, defaults.withAllowUnmount(true).withReadOnly(true)));
    }

    @Test
    void moreThanTwentyMountedImagesAreWarnedAbout() {
        List<MonitoredImage> images = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            images.add(image("C:\\Mount\\m" + i, MountStatus.OK));
        }
        Snapshot twenty = new Snapshot(images.subList(0, 20), true, Instant.now(), "", "test");
        Snapshot twentyOne = new Snapshot(images, true, Instant.now(), "", "test");

        assertEquals("", OperatorAdvice.mountLimitWarning(twenty));
        assertTrue(!OperatorAdvice.overMountLimit(twenty) && OperatorAdvice.overMountLimit(twentyOne));
        assertEquals("21 images are mounted; Microsoft advises at most 20 on one machine (DISM slows down and mounts fail beyond it). "
                + "Unmount the images no longer in use.", OperatorAdvice.mountLimitWarning(twentyOne));
    }

    private static MonitoredImage image(String path, MountStatus status) {
        return new MonitoredImage(new MountedImage(path, "D:\\x.wim", 1, 0, status.code()), MountPath.key(path), Instant.now(), "");
    }
}
