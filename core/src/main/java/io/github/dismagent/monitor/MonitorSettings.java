package io.github.dismagent.monitor;

import java.time.Duration;
import java.util.Objects;

/**
 * How the monitor reads and repairs the mount table: one validated value, built by {@link Builder}
 * whose fields carry the defaults, with every range written once here (the agent's option parsers
 * use the same constants).
 *
 * @param refreshInterval        how often the mount table is read
 * @param callTimeout            how long a caller waits for one DISM call before being told it is
 *                               still running; also when a refresh that has not returned makes
 *                               DISM count as unavailable
 * @param readOnly               refuse every operation that changes a mount
 * @param allowCleanup           enable {@code cleanupMountpoints}
 * @param allowUnmount           enable {@code unmountDiscard}, which throws away the changes made in a mount
 * @param autoRemount            remount NeedsRemount images without an operator
 * @param autoRemountMaxAttempts per image, before giving up until its status changes
 * @param autoRemountBackoff     the first wait between attempts; it doubles each time
 */
public record MonitorSettings(Duration refreshInterval, Duration callTimeout, boolean readOnly, boolean allowCleanup,
                              boolean allowUnmount, boolean autoRemount, int autoRemountMaxAttempts, Duration autoRemountBackoff) {

    /** The shortest refresh interval: reading the mount table more often only loads DISM. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    /** The longest refresh interval. */
    public static final Duration MAX_INTERVAL = Duration.ofDays(1);
    public static final Duration MIN_CALL_TIMEOUT = Duration.ofMillis(10);
    public static final Duration MAX_CALL_TIMEOUT = Duration.ofHours(1);
    public static final int MIN_AUTO_REMOUNT_ATTEMPTS = 1;
    public static final int MAX_AUTO_REMOUNT_ATTEMPTS = 1000;
    public static final Duration MIN_AUTO_REMOUNT_BACKOFF = Duration.ofMillis(10);
    public static final Duration MAX_AUTO_REMOUNT_BACKOFF = Duration.ofDays(1);

    /** The one validation, whichever way the value was made. */
    public MonitorSettings {
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(autoRemountBackoff, "autoRemountBackoff");
        requireInterval(refreshInterval);
        requireWithin("callTimeout", callTimeout, MIN_CALL_TIMEOUT, MAX_CALL_TIMEOUT);
        if (autoRemountMaxAttempts < MIN_AUTO_REMOUNT_ATTEMPTS || autoRemountMaxAttempts > MAX_AUTO_REMOUNT_ATTEMPTS) {
            throw new IllegalArgumentException("autoRemountMaxAttempts must be from " + MIN_AUTO_REMOUNT_ATTEMPTS + " to "
                    + MAX_AUTO_REMOUNT_ATTEMPTS + ", was " + autoRemountMaxAttempts);
        }
        requireWithin("autoRemountBackoff", autoRemountBackoff, MIN_AUTO_REMOUNT_BACKOFF, MAX_AUTO_REMOUNT_BACKOFF);
    }

    /** The defaults: 30 s interval, 120 s call timeout, nothing that changes a mount on its own. */
    public static MonitorSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these values, to change some of them. */
    public Builder toBuilder() {
        return builder().refreshInterval(refreshInterval).callTimeout(callTimeout).readOnly(readOnly).allowCleanup(allowCleanup)
                .allowUnmount(allowUnmount).autoRemount(autoRemount).autoRemountMaxAttempts(autoRemountMaxAttempts).autoRemountBackoff(autoRemountBackoff);
    }

    /** Throws when the interval is outside {@link #MIN_INTERVAL} to {@link #MAX_INTERVAL}. */
    public static void requireInterval(Duration interval) {
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("the refresh interval must be from " + Durations.format(MIN_INTERVAL) + " to "
                    + Durations.format(MAX_INTERVAL) + ", was " + Durations.format(interval));
        }
    }

    private static void requireWithin(String name, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be from " + Durations.format(min) + " to " + Durations.format(max)
                    + ", was " + Durations.format(value));
        }
    }

    public MonitorSettings withRefreshInterval(Duration value) {
        return toBuilder().refreshInterval(value).build();
    }

    public MonitorSettings withCallTimeout(Duration value) {
        return toBuilder().callTimeout(value).build();
    }

    public MonitorSettings withReadOnly(boolean value) {
        return toBuilder().readOnly(value).build();
    }

    public MonitorSettings withAllowCleanup(boolean value) {
        return toBuilder().allowCleanup(value).build();
    }

    public MonitorSettings withAllowUnmount(boolean value) {
        return toBuilder().allowUnmount(value).build();
    }

    public MonitorSettings withAutoRemount(boolean value) {
        return toBuilder().autoRemount(value).build();
    }

    public MonitorSettings withAutoRemountMaxAttempts(int value) {
        return toBuilder().autoRemountMaxAttempts(value).build();
    }

    public MonitorSettings withAutoRemountBackoff(Duration value) {
        return toBuilder().autoRemountBackoff(value).build();
    }

    /** The settings being put together; each field starts at its default. */
    public static final class Builder {
        private Duration refreshInterval = Duration.ofSeconds(30);
        private Duration callTimeout = Duration.ofSeconds(120);
        private boolean readOnly = false;
        private boolean allowCleanup = false;
        private boolean allowUnmount = false;
        private boolean autoRemount = false;
        private int autoRemountMaxAttempts = 3;
        private Duration autoRemountBackoff = Duration.ofMinutes(1);

        private Builder() {
        }

        public Builder refreshInterval(Duration value) {
            refreshInterval = value;
            return this;
        }

        public Builder callTimeout(Duration value) {
            callTimeout = value;
            return this;
        }

        public Builder readOnly(boolean value) {
            readOnly = value;
            return this;
        }

        public Builder allowCleanup(boolean value) {
            allowCleanup = value;
            return this;
        }

        public Builder allowUnmount(boolean value) {
            allowUnmount = value;
            return this;
        }

        public Builder autoRemount(boolean value) {
            autoRemount = value;
            return this;
        }

        public Builder autoRemountMaxAttempts(int value) {
            autoRemountMaxAttempts = value;
            return this;
        }

        public Builder autoRemountBackoff(Duration value) {
            autoRemountBackoff = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the setting, its range and the value given
         */
        public MonitorSettings build() {
            return new MonitorSettings(refreshInterval, callTimeout, readOnly, allowCleanup, allowUnmount, autoRemount, autoRemountMaxAttempts,
                    autoRemountBackoff);
        }
    }
}
