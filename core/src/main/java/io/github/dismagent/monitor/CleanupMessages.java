package io.github.dismagent.monitor;

import java.time.Duration;
import java.util.Optional;

/** What an operator is told of cleanups of mount points. Written as {@link OperatorMessages} says. */
final class CleanupMessages {
    static final String DISABLED =
            "Refused: cleanupMountpoints is disabled.\nStart dismagent with allowCleanup=true to enable it.";

    private CleanupMessages() {
    }

    static String failed(Throwable cause) {
        return "Cleanup failed.\n" + OperatorMessages.describe(cause);
    }

    static String cleanedUp(Duration took, int before, Optional<Snapshot> after) {
        return "Cleaned up mount points in " + Durations.human(took) + ": " + before + " images mounted before, "
                + after.map(r -> r.mountedCount() + " now.").orElse("and the mount table could not be read again afterwards.");
    }

    static String stillRunning(Duration timeout) {
        return "The cleanup is still running.\nNo answer from DISM after " + Durations.human(timeout) + "; its result will be logged.";
    }
}
