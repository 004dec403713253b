package io.github.dismagent.monitor;

import io.github.dismagent.dism.DismSession;
import io.github.dismagent.dism.EmulatorFixture;
import java.time.Duration;

/** A monitor over the emulator, closed after the test. */
public final class MonitorFixture {
    private MonitorFixture() {
    }

    /** Fast settings for tests: a 200 ms interval and a 2 s call timeout. */
    public static MonitorSettings fast() {
        return MonitorSettings.defaults().withRefreshInterval(Duration.ofMillis(200)).withCallTimeout(Duration.ofSeconds(2));
    }

    /** Starts a monitor; the listener, when given, is added before the first read. */
    public static DismMonitor start(EmulatorFixture emulator, MonitorSettings settings, MonitorListener listener) {
        return start(emulator, emulator.session(), settings, listener);
    }

    /** Starts a monitor over this session. */
    public static DismMonitor start(EmulatorFixture emulator, DismSession session, MonitorSettings settings, MonitorListener listener) {
        DismMonitor monitor = emulator.closeAfterTest(DismMonitor.create(session, settings));
        if (listener != null) {
            monitor.addListener(listener);
        }
        return monitor.start();
    }

    /** Reads now and waits for the result. */
    public static Snapshot refreshed(DismMonitor monitor) {
        return Futures.await(monitor.refresh(), Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError("refresh did not finish"));
    }
}
