package io.github.dismagent.dism;

import io.github.dismagent.emulator.EmulatorState;
import io.github.dismagent.emulator.EmulatorTrace;
import io.github.dismagent.emulator.StateFileText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The emulator as a test sees it: this process's state file and trace (set by the build for the
 * test JVM), emptied before each test, and sessions that are closed after it, so that DISM's
 * process-wide initialisation never leaks from one test into the next.
 */
final class EmulatorFixture implements BeforeEachCallback, AfterEachCallback {
    private final List<DismSession> sessions = new ArrayList<>();
    final EmulatorState state = EmulatorState.ofThisProcess();
    final EmulatorTrace trace = EmulatorTrace.ofThisProcess();

    @Override
    public void beforeEach(ExtensionContext context) {
        state.write(new StateFileText());
        trace.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) throws DismUnavailableException {
        state.write(new StateFileText());
        sessions.forEach(DismSession::close);
        sessions.clear();
        int hresult = RawDism.api().DismShutdown();
        if (hresult != HResult.DISMAPI_E_DISMAPI_NOT_INITIALIZED) {
            throw new AssertionError("the test left DISM initialised (DismShutdown returned " + HResult.hex(hresult) + ")");
        }
    }

    /** A session over the emulator, closed after the test. */
    DismSession session() {
        return session(DismSettings.defaults());
    }

    DismSession session(DismSettings settings) {
        DismSession session = DismSession.create(settings);
        sessions.add(session);
        return session;
    }

    void write(StateFileText text) {
        state.write(text);
    }
}
