package io.github.dismagent.monitor;

import static io.github.dismagent.monitor.MonitorFixture.fast;
import static io.github.dismagent.monitor.MonitorFixture.refreshed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.dism.EmulatorFixture;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.testing.Eventually;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An {@link OutOfMemoryError} thrown at each hand-off between the monitor's threads (issue 14, item 1): the monitor
 * goes on reading, answers {@code refresh()} and stays healthy.
 */
class ErrorRecoveryTest {
    @RegisterExtension
    final EmulatorFixture emulator = new EmulatorFixture();

    @AfterEach
    void noMoreFaults() {
        FaultInjection.hook = null;
    }

    /** Throws an OutOfMemoryError the first {@code times} times the point is reached. */
    private static AtomicInteger throwAt(String point, int times) {
        AtomicInteger thrown = new AtomicInteger();
        FaultInjection.hook = reached -> {
            if (reached.equals(point) && thrown.getAndIncrement() < times) {
                throw new OutOfMemoryError("injected at " + point);
            }
        };
        return thrown;
    }

    private DismMonitor monitorOverOneImage() {
        emulator.write(new StateFileText().mount("C:\\Mount\\a", "D:\\a.wim", 1, "ReadWrite", "Ok"));
        return MonitorFixture.start(emulator, fast(), null);
    }

    private void readsGoOn(DismMonitor monitor) {
        long before = emulator.trace.count("DismGetMountedImageInfo");
        Eventually.await("scheduled reads after the Error", () -> emulator.trace.count("DismGetMountedImageInfo") >= before + 3);
        Snapshot read = refreshed(monitor);
        assertTrue(read.available(), read.lastError());
        assertEquals(1, read.mountedCount());
        Eventually.await("healthy", () -> monitor.health().healthy());
    }

    @Test
    void aLostAnswerFromDismIsTakenAtTheNextTick() {
        AtomicInteger thrown = throwAt(FaultInjection.READ_ANSWERED, 1);
        DismMonitor monitor = monitorOverOneImage();
        Eventually.await("the Error was thrown", () -> thrown.get() >= 1);
        readsGoOn(monitor);
    }

    @Test
    void anErrorWhilePublishingAReadStillAnswersItsCallers() {
        emulator.write(new StateFileText().mount("C:\\Mount\\a", "D:\\a.wim", 1, "ReadWrite", "Ok"));
        DismMonitor monitor = MonitorFixture.start(emulator, fast().withRefreshInterval(Duration.ofHours(1)), null);
        refreshed(monitor);
        AtomicInteger thrown = throwAt(FaultInjection.READ_PUBLISHING, 1);
        refreshed(monitor); // the read whose publishing threw: its caller is answered all the same
        assertEquals(1, thrown.get());
        assertTrue(refreshed(monitor).available());
    }

    @Test
    void theScheduleSurvivesAnErrorInATick() {
        AtomicInteger thrown = throwAt(FaultInjection.TICK, 5);
        DismMonitor monitor = monitorOverOneImage();
        Eventually.await("the Errors were thrown", () -> thrown.get() >= 5);
        readsGoOn(monitor);
    }

    @Test
    void aReadThatNeverAnswersWhileDismIsIdleIsGivenUpAsLost() {
        // The answer is lost for good on the way back: the future DISM completed is never looked at, because the
        // hand-off throws every time until the monitor has given the read up.
        AtomicInteger thrown = throwAt(FaultInjection.READ_ANSWERED, Integer.MAX_VALUE);
        DismMonitor monitor = monitorOverOneImage();
        Eventually.await("the Error was thrown", () -> thrown.get() >= 1);
        FaultInjection.hook = null;
        readsGoOn(monitor);
    }

    @Test
    void aMonitorThatWasNeverStartedIsNotHealthy() {
        DismMonitor monitor = emulator.closeAfterTest(DismMonitor.create(emulator.session(), fast()));
        LoopHealth health = monitor.health();
        assertFalse(health.healthy());
        assertEquals("the monitor has not been started", health.problem());
        monitor.start();
        assertTrue(monitor.health().healthy(), monitor.health().problem());
        assertEquals(Duration.ofSeconds(90), LoopHealth.tickBound(Duration.ofSeconds(20)));
    }

    /**
     * The watchdog asks on a host whose heap may be full: a check that makes no object cannot fail
     * there, and cannot be the first use of a JDK class whose initialisation would then fail for
     * good (seen on JDK 25 with BigDecimal, which Duration.multipliedBy used).
     */
    @Test
    void aHealthyLoopIsCheckedWithoutMakingAnObject() {
        emulator.write(new StateFileText().mount("C:\\Mount\\a", "D:\\a.wim", 1, "ReadWrite", "Ok"));
        DismMonitor monitor = MonitorFixture.start(emulator, fast().withRefreshInterval(Duration.ofHours(1)), null);
        refreshed(monitor);
        assertTrue(monitor.health().healthy(), monitor.health().problem());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long measuring = -threads.getCurrentThreadAllocatedBytes() + threads.getCurrentThreadAllocatedBytes();

        long before = threads.getCurrentThreadAllocatedBytes();
        int healthy = 0;
        for (int i = 0; i < 1000; i++) {
            healthy += monitor.health().healthy() ? 1 : 0;
        }
        long made = threads.getCurrentThreadAllocatedBytes() - before - measuring;

        assertEquals(1000, healthy);
        assertTrue(made < 1000, "1,000 health checks made " + made + " bytes of objects");
    }
}
