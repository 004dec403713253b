package io.github.dismagent.dism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.emulator.StateFileText;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code DismUnmountImage} with {@code DISM_DISCARD_IMAGE}, through the real binding, on the emulator. */
class UnmountDiscardTest {
    @RegisterExtension
    final EmulatorFixture emulator = new EmulatorFixture();

    private record Report(long current, long total, String thread) {
    }

    @Test
    void unmountsAnInvalidImageReportingProgressOnTheDismThreadOnlyWhileItRuns() throws Exception {
        emulator.write(new StateFileText()
                .mount("C:\\Mount\\broken", "D:\\gone.wim", 1, "ReadWrite", "Invalid")
                .mount("C:\\Mount\\kept", "D:\\kept.wim", 1, "ReadOnly", "Ok")
                .delay("DismUnmountImage", Duration.ofMillis(300)));
        DismSession session = emulator.session();
        List<Report> reports = new CopyOnWriteArrayList<>();

        int hresult = session.unmountDiscard(MountPath.of("c:\\mount\\BROKEN"),
                (current, total) -> reports.add(new Report(current, total, Thread.currentThread().getName())));
        int reportsWhenReturned = reports.size();
        Thread.sleep(100);

        assertEquals(HResult.S_OK, hresult);
        assertEquals(List.of(new MountedImage("C:\\Mount\\kept", "D:\\kept.wim", 1, 1, 0)), session.mountedImages());
        assertTrue(reports.size() >= 3, "several progress reports: " + reports);
        assertEquals(0, reports.get(0).current());
        Report last = reports.get(reports.size() - 1);
        assertEquals(last.total(), last.current(), "ends at Total: " + reports);
        assertTrue(reports.stream().allMatch(r -> r.thread().equals("dismagent-dism")), "on the DISM thread: " + reports);
        assertEquals(reportsWhenReturned, reports.size(), "no report after the call returned");
        assertEquals(1, emulator.trace.count("DismUnmountImage"));
    }

    @Test
    void aFailedUnmountCarriesDismsCodeAndMessageAndLeavesTheImage() throws Exception {
        emulator.write(new StateFileText()
                .mount("C:\\Mount\\busy", "D:\\busy.wim", 1, "ReadWrite", "Invalid")
                .fail("DismUnmountImage", 0xC1420117, "files are open in C:\\Mount\\busy"));

        DismException e = assertThrows(DismException.class,
                () -> emulator.session().unmountDiscard(MountPath.of("C:\\Mount\\busy"), UnmountProgress.NONE));

        assertEquals(0xC1420117, e.hresult());
        assertEquals("DismUnmountImage", e.function());
        assertEquals("files are open in C:\\Mount\\busy", e.dismMessage());
        assertEquals("Invalid", emulator.state.statusOf("C:\\Mount\\busy"));
    }

    @Test
    void aPathThatIsNotMountedFailsAndNoPathNeverReachesDism() {
        DismSession session = emulator.session();

        DismException e = assertThrows(DismException.class, () -> session.unmountDiscard(MountPath.of("C:\\Mount\\nowhere"), UnmountProgress.NONE));
        assertEquals(HResult.E_INVALIDARG, e.hresult());
        assertThrows(NullPointerException.class, () -> session.unmountDiscard(null, UnmountProgress.NONE));
        assertEquals(1, emulator.trace.count("DismUnmountImage"));
    }
}
