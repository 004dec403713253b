package io.github.dismagent.monitor;

import java.time.Duration;

/**
 * Whether the monitor's refresh loop is alive: its schedule ticks, and the read in progress, if
 * any, is either running in DISM or has answered. DISM being unavailable or hung is not a loop
 * failure (that is {@code dism_up}); a loop that stopped reading is.
 *
 * @param healthy whether the loop is alive
 * @param problem why not; empty when healthy
 */
public record LoopHealth(boolean healthy, String problem) {
    static final LoopHealth OK = new LoopHealth(true, "");
    private static final long TICK_GRACE_NANOS = 30_000_000_000L;

    static LoopHealth wedged(String problem) {
        return new LoopHealth(false, problem);
    }

    /**
     * How long the schedule may go without a tick before the loop counts as stopped: three
     * intervals plus 30 s, so that long garbage-collection pauses on a loaded host do not count.
     */
    public static Duration tickBound(Duration refreshInterval) {
        return Duration.ofNanos(tickBoundNanos(refreshInterval.toNanos()));
    }

    /** {@link #tickBound} in nanoseconds, computed without making an object (the refresh interval is at most a day). */
    static long tickBoundNanos(long refreshIntervalNanos) {
        return 3 * refreshIntervalNanos + TICK_GRACE_NANOS;
    }
}
