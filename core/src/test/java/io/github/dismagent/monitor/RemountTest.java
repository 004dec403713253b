package io.github.dismagent.monitor;

import io.github.dismagent.dism.MountPath;
import static io.github.dismagent.monitor.MonitorFixture.fast;
import static io.github.dismagent.monitor.MonitorFixture.refreshed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.dism.DismSession;
import io.github.dismagent.dism.EmulatorFixture;
import io.github.dismagent.dism.HResult;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.testing.Eventually;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemountTest {
    @RegisterExtension
    final EmulatorFixture emulator = new EmulatorFixture();

    private final RecordingListener events = new RecordingListener();
    private DismSession session;
    private DismMonitor monitor;

    private static StateFileText table() {
        return new StateFileText()
                .mount("C:\\Mount\\Win11", "D:\\install.wim", 1, "ReadWrite", "NeedsRemount")
                .mount("C:\\Mount\\pe", "D:\\boot.wim", 2, "ReadOnly", "NeedsRemount")
                .mount("C:\\Mount\\ok", "D:\\ok.wim", 1, "ReadWrite", "Ok")
                .mount("C:\\Mount\\bad", "D:\\bad.wim", 1, "ReadWrite", "Invalid")
                .mount("C:\\Mount\\future", "D:\\future.wim", 1, "ReadWrite", "7");
    }

    private MonitorOperations operations(MonitorSettings settings) {
        emulator.write(table());
        session = emulator.session();
        monitor = MonitorFixture.start(emulator, session, settings.withRefreshInterval(Duration.ofHours(1)), events);
        refreshed(monitor);
        emulator.trace.clear();
        return new MonitorOperations(monitor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"C:\\Mount\\Win11", "c:\\mount\\win11", "C:/Mount/Win11", "C:\\Mount\\Win11\\", "\\\\?\\C:\\Mount\\WIN11"})
    void matchesTheMountPathTheWindowsWay(String typed) {
        MonitorOperations operations = operations(fast());

        String result = operations.remount(typed);

        assertTrue(result.matches("Remounted C:\\\\Mount\\\\Win11 in \\d+\\.\\d s; it is now Ok\\."), result);
        assertEquals("Ok", emulator.state.statusOf("C:\\Mount\\Win11"));
        assertEquals(1, emulator.trace.count("DismRemountImage"));
    }

    @Test
    void refusesWithoutCallingDismAndSaysWhatToDoInstead() {
        MonitorOperations operations = operations(fast());

        assertEquals("C:\\Mount\\ok is Ok; there is nothing to remount.", operations.remount("C:\\Mount\\ok"));
        assertEquals("Refused: C:\\Mount\\bad is Invalid and cannot be remounted.\nUnmount it with discard: the unmountDiscard operation "
                + "(with allowUnmount=true), or PowerShell: Dismount-WindowsImage -Path 'C:\\Mount\\bad' -Discard, or DISM /Unmount-Image "
                + "/MountDir:\"C:\\Mount\\bad\" /Discard.\nThen run cleanupMountpoints.",
                operations.remount("C:\\Mount\\bad"));
        assertEquals("Refused: C:\\Mount\\future has status Unknown(7).\nThis version of dismagent cannot remount it; look at it with "
                + "Get-WindowsImage -Mounted.", operations.remount("C:\\Mount\\future"));
        assertEquals("Refused: C:\\Mount\\nowhere is not mounted.\nAs of the last read of the mount table. Mounted: C:\\Mount\\Win11, "
                + "C:\\Mount\\pe, C:\\Mount\\ok, C:\\Mount\\bad, C:\\Mount\\future.", operations.remount("C:\\Mount\\nowhere"));
        assertEquals(0, emulator.trace.count("DismRemountImage"));
        assertTrue(events.remounts.isEmpty(), "refusals are not remounts");
    }

    @Test
    void malformedPathsAreArgumentErrorsThatNeverReachDism() {
        MonitorOperations operations = operations(fast());

        for (String bad : new String[] {null, "", "   ", "Mount\\Win11", ".\\x", "C:\\a\0b", "C:\\" + "x".repeat(40_000)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> operations.remount(bad));
            assertTrue(e.getMessage().startsWith("mountPath: "), e.getMessage());
        }
        assertEquals(0, emulator.trace.count("DismRemountImage"));
    }

    @Test
    void aSecondRemountOfTheSameImageIsToldTheFirstIsRunning() {
        operations(fast());
        emulator.write(table().delay("DismRemountImage", Duration.ofMillis(1500)));

        CompletableFuture<RemountOutcome> first = monitor.remount(MountPath.of("C:\\Mount\\Win11"), Trigger.MANUAL);
        Eventually.await("the first remount is in DISM",
                () -> session.runningCall().map(c -> c.function().equals("DismRemountImage")).orElse(false));
        RemountOutcome second = monitor.remount(MountPath.of("c:\\mount\\win11"), Trigger.MANUAL).join();

        assertEquals(OperationResult.REFUSED, second.result());
        assertTrue(second.message().startsWith("Refused: a remount of C:\\Mount\\Win11 is already in progress.\nIt started "), second.message());
        assertEquals(OperationResult.SUCCESS, first.join().result());
        assertEquals(1, emulator.trace.count("DismRemountImage"));
    }

    @Test
    void aCallerWaitsAtMostCallTimeoutAndIsToldTheRemountStillRuns() {
        MonitorOperations operations = operations(fast().withCallTimeout(Duration.ofMillis(300)));
        emulator.write(table().delay("DismRemountImage", Duration.ofMillis(1500)));

        String result = operations.remount("C:\\Mount\\pe");

        assertEquals("The remount of C:\\Mount\\pe is still running.\nNo answer from DISM after 0.3 s; its result will appear in LastRemountResult "
                + "and in a dismagent.remount notification.", result);
        Eventually.await("the remount finishes later", () -> !events.remounts.isEmpty());
        assertEquals(OperationResult.SUCCESS, events.remounts.get(0).result());
        Eventually.awaitValue("LastRemountResult recorded", true,
                () -> monitor.snapshot().find("C:\\Mount\\pe").orElseThrow().lastRemountResult().contains("manual: Remounted C:\\Mount\\pe"));
    }

    @Test
    void aDismFailureIsReportedWithItsHresultAndCounted() {
        MonitorOperations operations = operations(fast());
        emulator.write(table().fail("DismRemountImage", HResult.DISMAPI_E_OPEN_HANDLES_UNABLE_TO_REMOUNT_IMAGE_PATH, "handles are open"));

        String result = operations.remount("C:\\Mount\\pe");

        assertEquals("Remount of C:\\Mount\\pe failed.\n0xC004000C DISMAPI_E_OPEN_HANDLES_UNABLE_TO_REMOUNT_IMAGE_PATH: handles are open",
                result);
        assertEquals(OperationResult.FAILURE, events.remounts.get(0).result());
        assertEquals(Trigger.MANUAL, events.remounts.get(0).trigger());
    }

    @Test
    void remountAllRemountsEveryNeedsRemountImageInTurn() {
        MonitorOperations operations = operations(fast());

        String result = operations.remountAll();

        String[] lines = result.split("\n");
        assertEquals(2, lines.length, result);
        assertTrue(lines[0].startsWith("Remounted C:\\Mount\\Win11 in "), lines[0]);
        assertTrue(lines[1].startsWith("Remounted C:\\Mount\\pe in "), lines[1]);
        assertEquals("Ok", emulator.state.statusOf("C:\\Mount\\pe"));
        assertEquals("No image needs a remount.", operations.remountAll());
    }

    @Test
    void cleanupIsRefusedUnlessAllowedAndThenRemovesInvalidImages() {
        MonitorOperations refused = operations(fast());
        assertEquals("Refused: cleanupMountpoints is disabled.\nStart dismagent with allowCleanup=true to enable it.",
                refused.cleanupMountpoints());
        assertEquals(0, emulator.trace.count("DismCleanupMountpoints"));
    }

    @Test
    void cleanupWithAllowCleanupRemovesInvalidImages() {
        MonitorOperations operations = operations(fast().withAllowCleanup(true));

        String result = operations.cleanupMountpoints();

        assertTrue(result.startsWith("Cleaned up mount points in "), result);
        assertTrue(result.endsWith(": 5 images mounted before, 4 now."), result);
        assertEquals(null, emulator.state.statusOf("C:\\Mount\\bad"));
    }

    @Test
    void readOnlyRefusesEveryChangingOperation() {
        MonitorOperations operations = operations(fast().withReadOnly(true).withAllowCleanup(true));
        String refused = "Refused: dismagent runs with readOnly=true.\nreadOnly=true forbids every operation that changes a mount.";

        assertEquals(refused, operations.remount("C:\\Mount\\Win11"));
        String oneLine = refused.replace("\n", " ");
        assertEquals(oneLine + "\n" + oneLine, operations.remountAll());
        assertEquals(refused, operations.cleanupMountpoints());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> monitor.setAutoRemount(true));
        assertEquals("auto-remount changes mounts, which readOnly=true forbids", e.getMessage());
        assertEquals(0, emulator.trace.count("DismRemountImage") + emulator.trace.count("DismCleanupMountpoints"));
    }
}
