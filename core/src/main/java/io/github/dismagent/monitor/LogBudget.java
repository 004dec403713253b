package io.github.dismagent.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A per-minute bound on the change lines of the log, besides {@link ChangeLog}'s per-read one: images
 * that churn at every read of a short interval would otherwise write thousands of lines a minute
 * (about 6,300 at {@code interval=200ms}). Up to {@link #LINES_PER_MINUTE} lines a minute go through;
 * the rest are counted, and the first line of the next minute that logs anything is a summary of
 * what was left out. Used on the monitor thread only.
 */
final class LogBudget {
    static final int LINES_PER_MINUTE = 200;
    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

    private final int perMinute;
    private long minuteStartNanos;
    private boolean started;
    private int used;
    private long leftOut;

    LogBudget() {
        this(LINES_PER_MINUTE);
    }

    LogBudget(int perMinute) {
        this.perMinute = perMinute;
    }

    /** The lines to log now, out of these, at this time (System.nanoTime()). */
    List<String> admit(List<String> lines, long nowNanos) {
        List<String> admitted = new ArrayList<>();
        if (!started || nowNanos - minuteStartNanos >= MINUTE_NANOS) {
            if (leftOut > 0) {
                admitted.add(leftOut + " change line(s) were not logged in the last minute (at most " + perMinute
                        + " a minute); the MBeans, notifications and metrics carry every change");
            }
            started = true;
            minuteStartNanos = nowNanos;
            used = 0;
            leftOut = 0;
        }
        for (String line : lines) {
            if (used < perMinute) {
                admitted.add(line);
                used++;
            } else {
                leftOut++;
            }
        }
        return admitted;
    }
}
