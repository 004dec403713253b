package io.github.dismagent.monitor;

import java.time.Duration;
import java.time.Instant;

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
public record RemountOutcome(String mountPath, Trigger trigger, OperationResult result, String message, Duration duration, Instant finishedAt) {

    /** Whether DISM was called (refusals are not remount attempts). */
    public boolean attempted() {
        return result != OperationResult.REFUSED;
    }
}
