package io.github.dismagent.monitor;

import java.time.Duration;
import java.time.Instant;

/**
 * What became of an unmount-with-discard request.
 *
 * @param mountPath  the path as DISM spells it (or as given, when refused)
 * @param result     whether DISM was called and how it answered
 * @param message    the result for the operator: a short first line, then explanation and next step
 * @param duration   how long DISM worked on it (not the time queued behind other calls); zero when refused
 * @param finishedAt when the outcome was known
 */
public record UnmountOutcome(String mountPath, OperationResult result, String message, Duration duration, Instant finishedAt) {

    /** Whether DISM was called (refusals are not unmount attempts). */
    public boolean attempted() {
        return result != OperationResult.REFUSED;
    }
}
