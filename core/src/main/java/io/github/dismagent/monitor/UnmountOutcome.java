package io.github.dismagent.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What became of an unmount-with-discard request.
 *
 * @param mountPath  the path as DISM spells it (or as given, when refused)
 * @param result     whether DISM was called and how it answered
 * @param message    the result for the operator: a short first line, then explanation and next step
 * @param duration   how long DISM worked on it (not the time queued behind other calls); zero when refused
 * @param finishedAt when the outcome was known
 */
public record UnmountOutcome(String mountPath, Result result, String message, Duration duration, Instant finishedAt) {

    public enum Result {
        /** DISM unmounted the image. */
        SUCCESS,
        /** DISM was called and failed. */
        FAILURE,
        /** Refused without calling DISM: disabled, read-only, unknown path, already running. */
        REFUSED;

        /** {@code success} or {@code failure}, the {@code result} label of {@code dism_unmount_total}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether DISM was called (refusals are not unmount attempts). */
    public boolean attempted() {
        return result != Result.REFUSED;
    }
}
