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
public final class EmulatorFixture implements BeforeEachCallback, AfterEachCallback {
    private final List<DismSession> sessions = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    public final EmulatorState state = EmulatorState.ofThisProcess();
    public final EmulatorTrace trace = EmulatorTrace.ofThisProcess();

    @Override
    public void beforeEach(ExtensionContext context) {
        state.write(new StateFileText());
        trace.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) throws DismUnavailableException {
        state.write(new StateFileText());
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                throw new AssertionError("closing " + closeables.get(i), e);
            }
        }
        closeables.clear();
        sessions.forEach(DismSession::close);
        sessions.clear();
        int hresult = RawDism.api().DismShutdown();
        if (hresult != HResult.DISMAPI_E_DISMAPI_NOT_INITIALIZED) {
            throw new AssertionError("the test left DISM initialised (DismShutdown returned " + HResult.hex(hresult) + ")");
        }
    }

    /** A session over the emulator, closed after the test. */
    public DismSession session() {
        return session(DismSettings.defaults());
    }

    public DismSession session(DismSettings settings) {
        DismSession session = DismSession.create(settings);
        sessions.add(session);
        return session;
    }

    /** Closed after the test, before the sessions, in reverse order of adding. */
    public <T extends AutoCloseable> T closeAfterTest(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    public void write(StateFileText text) {
        state.write(text);
    }
}
