package io.github.dismagent.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What became of a remount request.
 *
 * @param mountPath  the path as DISM spells it (or as given, when refused)
 * @param trigger    manual or auto
 * @param result     whether DISM was called and how it answered
 * @param message    one line for the operator
 * @param duration   how long the DISM call took; zero when refused
 * @param finishedAt when the outcome was known
 */
public record RemountOutcome(String mountPath, Trigger trigger, Result result, String message, Duration duration, Instant finishedAt) {

    public enum Result {
        /** DISM remounted the image. */
        SUCCESS,
        /** DISM was called and failed. */
        FAILURE,
        /** Refused without calling DISM: unknown path, wrong status, read-only, already running. */
        REFUSED;

        /** {@code success} or {@code failure}, the {@code result} label of {@code dism_remount_total}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether DISM was called (refusals are not remount attempts). */
    public boolean attempted() {
        return result != Result.REFUSED;
    }
}
