package io.github.dismagent.dism;

import io.github.dismagent.LogText;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.lang.ref.Reference;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands DISM's progress reports on to a listener: only on the DISM thread and only while the call
 * runs (a report from elsewhere, or after the call, would be a DISM or binding bug: it is logged once
 * and dropped), and never lets an exception unwind into DISM's native frames.
 */
class ProgressRelay implements DismApiLibrary.ProgressCallback {
    private static final Logger log = LoggerFactory.getLogger(ProgressRelay.class);

    private final UnmountProgress listener;
    private final BooleanSupplier onDismThread;
    private final AtomicBoolean misuseLogged = new AtomicBoolean();
    private volatile boolean closed;

    ProgressRelay(UnmountProgress listener, BooleanSupplier onDismThread) {
        this.listener = listener;
        this.onDismThread = onDismThread;
    }

    /** The stdcall callback exactly where the loader makes the functions stdcall (32-bit Windows). */
    static ProgressRelay forThisPlatform(UnmountProgress listener, BooleanSupplier onDismThread) {
        return Platform.isWindows() && !Platform.is64Bit() ? new StdCall(listener, onDismThread) : new ProgressRelay(listener, onDismThread);
    }

    @Override
    public void invoke(int current, int total, Pointer userData) {
        try {
            if (closed || !onDismThread.getAsBoolean()) {
                if (!misuseLogged.getAndSet(true)) {
                    log.warn("DISM reported unmount progress {}/{} {}; ignored", Integer.toUnsignedLong(current),
                            Integer.toUnsignedLong(total), closed ? "after DismUnmountImage returned"
                                    : "on another thread (" + Thread.currentThread().getName() + ")");
                }
                return;
            }
            listener.progress(Integer.toUnsignedLong(current), Integer.toUnsignedLong(total));
        } catch (Throwable t) {
            if (!misuseLogged.getAndSet(true)) {
                log.warn("The unmount progress listener failed: {}", LogText.line(t.toString()));
            }
        }
    }

    /** The call returned: later reports are dropped. */
    void close() {
        closed = true;
        // The callback must stay reachable until DISM can no longer call it: JNA frees its native
        // stub when the object is collected.
        Reference.reachabilityFence(this);
    }

    private static final class StdCall extends ProgressRelay implements DismApiLibrary.StdCallProgressCallback {
        StdCall(UnmountProgress listener, BooleanSupplier onDismThread) {
            super(listener, onDismThread);
        }
    }
}
