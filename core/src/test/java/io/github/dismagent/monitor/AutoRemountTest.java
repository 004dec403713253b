package io.github.dismagent.monitor;

import static io.github.dismagent.monitor.MonitorFixture.fast;
import static io.github.dismagent.monitor.MonitorFixture.refreshed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.dism.EmulatorFixture;
import io.github.dismagent.dism.HResult;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.testing.Eventually;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AutoRemountTest {
    @RegisterExtension
    final EmulatorFixture emulator = new EmulatorFixture();

    private final RecordingListener events = new RecordingListener();

    private static StateFileText needsRemount() {
        return new StateFileText().mount("C:\\Mount\\a", "D:\\a.wim", 1, "ReadWrite", "NeedsRemount");
    }

    @Test
    void isOffByDefault() throws Exception {
        emulator.write(needsRemount());
        DismMonitor monitor = MonitorFixture.start(emulator, fast(), events);
        refreshed(monitor);
        Thread.sleep(600); // three refresh intervals

        assertEquals(0, emulator.trace.count("DismRemountImage"));
        assertEquals("NeedsRemount", emulator.state.statusOf("C:\\Mount\\a"));
    }

    @Test
    void remountsNeedsRemountImagesWithoutAnOperatorOnceTurnedOn() {
        emulator.write(needsRemount());
        DismMonitor monitor = MonitorFixture.start(emulator, fast(), events);
        refreshed(monitor);

        monitor.setAutoRemount(true);

        Eventually.awaitValue("auto-remounted", "Ok", () -> emulator.state.statusOf("C:\\Mount\\a"));
        Eventually.await("the outcome is reported", () -> !events.remounts.isEmpty());
        RemountOutcome outcome = events.remounts.get(0);
        assertEquals(Trigger.AUTO, outcome.trigger());
        assertEquals(OperationResult.SUCCESS, outcome.result());
    }

    @Test
    void givesUpAfterMaxAttemptsAndStartsAfreshWhenTheStatusChanges() throws Exception {
        emulator.write(needsRemount().fail("DismRemountImage", HResult.DISMAPI_E_OPEN_HANDLES_UNABLE_TO_REMOUNT_IMAGE_PATH, ""));
        MonitorSettings settings = fast().withRefreshInterval(Duration.ofMillis(100)).withAutoRemount(true)
                .withAutoRemountMaxAttempts(3).withAutoRemountBackoff(Duration.ofMillis(100));
        DismMonitor monitor = MonitorFixture.start(emulator, settings, events);

        Eventually.await("three attempts", () -> emulator.trace.count("DismRemountImage") == 3);
        Thread.sleep(1500); // the 4th attempt would have come after 400 ms
        assertEquals(3, emulator.trace.count("DismRemountImage"), "it gave up");
        assertTrue(events.remounts.stream().allMatch(o -> o.trigger() == Trigger.AUTO && o.result() == OperationResult.FAILURE));
        long[] starts = emulator.trace.calls().stream().filter(c -> c.function().equals("DismRemountImage"))
                .mapToLong(c -> c.epochMillis()).toArray();
        assertTrue(starts[2] - starts[1] >= starts[1] - starts[0], "the wait doubles: " + java.util.Arrays.toString(starts));

        emulator.write(new StateFileText().mount("C:\\Mount\\a", "D:\\a.wim", 1, "ReadWrite", "Ok"));
        refreshed(monitor);
        emulator.write(needsRemount().fail("DismRemountImage", HResult.DISMAPI_E_OPEN_HANDLES_UNABLE_TO_REMOUNT_IMAGE_PATH, ""));
        refreshed(monitor);

        Eventually.await("three fresh attempts after the status changed", () -> emulator.trace.count("DismRemountImage") == 6);
    }
}
