package io.github.dismagent.monitor;

import io.github.dismagent.dism.DismException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How the monitor speaks to an operator, and the pieces every message shares. What it says is written
 * by subject, each wording in one class: {@link RefusalMessages} (refusals every operation that changes
 * mounts can get), {@link RemountMessages}, {@link UnmountMessages}, {@link CleanupMessages},
 * {@link RefreshMessages}, and {@link OperatorAdvice} (what to do about a status or a failing DISM).
 *
 * <p>An operation's result or refusal starts with a short line that says the outcome, and puts the
 * explanation and the next step on the lines after it: JConsole shows a result in a one-line box
 * with a horizontal scroll bar, so the first line is all an operator sees at once (a multi-line
 * result opens in a box of its own). Times are {@link #time}: ISO 8601 in UTC, to the second.
 */
final class OperatorMessages {
    private OperatorMessages() {
    }

    /** What went wrong, for the lines after a result's first: DISM's own description, or the exception's message. */
    static String describe(Throwable cause) {
        if (cause instanceof DismException dismFailure) {
            return dismFailure.describe();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** The one format of times in results and attributes: {@code 2026-11-30T01:21:02Z}. */
    static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
