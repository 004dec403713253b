package io.github.dismagent.monitor;

import java.util.function.Consumer;

/**
 * A test seam at each hand-off between the monitor's threads: a test sets {@link #hook} to throw an
 * {@link Error} (an {@link OutOfMemoryError} in practice) at a named point, to prove the monitor
 * recovers from one thrown there. Null, and so free, in production.
 */
final class FaultInjection {
    /** A tick of the refresh schedule starts. */
    static final String TICK = "tick";
    /** DISM's answer to a read is handed back to the monitor thread. */
    static final String READ_ANSWERED = "read answered";
    /** A read's result is being published. */
    static final String READ_PUBLISHING = "read publishing";

    static volatile Consumer<String> hook;

    private FaultInjection() {
    }

    static void at(String point) {
        Consumer<String> h = hook;
        if (h != null) {
            h.accept(point);
        }
    }
}
