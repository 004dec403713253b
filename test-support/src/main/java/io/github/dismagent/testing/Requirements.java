package io.github.dismagent.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (a program, a library, the network). When it is missing, the
 * test is skipped with a message when run by hand, and fails under CI ({@code CI=true}), where
 * {@code .ci/run} must have installed it.
 */
public final class Requirements {
    private Requirements() {
    }

    /** Whether this run is CI's. */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * @param available whether the requirement is met
     * @param what      what is needed and how to get it, e.g. "promtool (apt-get install prometheus)"
     */
    public static void require(boolean available, String what) {
        if (available) {
            return;
        }
        if (underCi()) {
            Assertions.fail("missing under CI: " + what + "; .ci/run must install it");
        }
        Assumptions.abort("skipped, missing: " + what);
    }
}
