package io.github.dismagent.monitor;

import java.time.Duration;
import java.util.Objects;

/**
 * How the monitor reads and repairs the mount table (contract section 2).
 *
 * @param refreshInterval        how often the mount table is read
 * @param callTimeout            how long a caller waits for one DISM call before being told it is
 *                               still running; also when a refresh that has not returned makes
 *                               DISM count as unavailable
 * @param readOnly               refuse every operation that changes a mount
 * @param allowCleanup           enable {@code cleanupMountpoints}
 * @param autoRemount            remount NeedsRemount images without an operator
 * @param autoRemountMaxAttempts per image, before giving up until its status changes
 * @param autoRemountBackoff     the first wait between attempts; it doubles each time
 */
public record MonitorSettings(Duration refreshInterval, Duration callTimeout, boolean readOnly, boolean allowCleanup,
                              boolean autoRemount, int autoRemountMaxAttempts, Duration autoRemountBackoff) {

    /** The shortest refresh interval: reading the mount table more often only loads DISM. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    /** The longest refresh interval. */
    public static final Duration MAX_INTERVAL = Duration.ofDays(1);

    public MonitorSettings {
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(autoRemountBackoff, "autoRemountBackoff");
        requireInterval(refreshInterval);
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive, was " + Durations.format(callTimeout));
        }
        if (autoRemountMaxAttempts < 1 || autoRemountMaxAttempts > 1000) {
            throw new IllegalArgumentException("autoRemountMaxAttempts must be from 1 to 1000, was " + autoRemountMaxAttempts);
        }
        if (autoRemountBackoff.isNegative() || autoRemountBackoff.isZero()) {
            throw new IllegalArgumentException("autoRemountBackoff must be positive, was " + Durations.format(autoRemountBackoff));
        }
    }

    /** The contract's defaults: 30 s interval, 120 s call timeout, nothing that changes a mount on its own. */
    public static MonitorSettings defaults() {
        return new MonitorSettings(Duration.ofSeconds(30), Duration.ofSeconds(120), false, false, false, 3, Duration.ofMinutes(1));
    }

    /** Throws when the interval is outside {@link #MIN_INTERVAL} to {@link #MAX_INTERVAL}. */
    public static void requireInterval(Duration interval) {
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("the refresh interval must be from " + Durations.format(MIN_INTERVAL) + " to "
                    + Durations.format(MAX_INTERVAL) + ", was " + Durations.format(interval));
        }
    }

    public MonitorSettings withRefreshInterval(Duration value) {
        return new MonitorSettings(value, callTimeout, readOnly, allowCleanup, autoRemount, autoRemountMaxAttempts, autoRemountBackoff);
    }

    public MonitorSettings withCallTimeout(Duration value) {
        return new MonitorSettings(refreshInterval, value, readOnly, allowCleanup, autoRemount, autoRemountMaxAttempts, autoRemountBackoff);
    }

    public MonitorSettings withReadOnly(boolean value) {
        return new MonitorSettings(refreshInterval, callTimeout, value, allowCleanup, autoRemount, autoRemountMaxAttempts, autoRemountBackoff);
    }

    public MonitorSettings withAllowCleanup(boolean value) {
        return new MonitorSettings(refreshInterval, callTimeout, readOnly, value, autoRemount, autoRemountMaxAttempts, autoRemountBackoff);
    }

    public MonitorSettings withAutoRemount(boolean value) {
        return new MonitorSettings(refreshInterval, callTimeout, readOnly, allowCleanup, value, autoRemountMaxAttempts, autoRemountBackoff);
    }

    public MonitorSettings withAutoRemountMaxAttempts(int value) {
        return new MonitorSettings(refreshInterval, callTimeout, readOnly, allowCleanup, autoRemount, value, autoRemountBackoff);
    }

    public MonitorSettings withAutoRemountBackoff(Duration value) {
        return new MonitorSettings(refreshInterval, callTimeout, readOnly, allowCleanup, autoRemount, autoRemountMaxAttempts, value);
    }
}
