package io.github.dismagent.monitor;

import io.github.dismagent.dism.MountStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When to remount a NeedsRemount image without an operator: at most {@code maxAttempts} times,
 * the first wait {@code backoff} and doubling, starting afresh whenever the image's status
 * changes. Pure bookkeeping, driven by the monitor on its thread.
 */
final class AutoRemountPolicy {
    private static final Duration LONGEST_WAIT = Duration.ofDays(1);

    private static final class Attempts {
        int made;
        Instant nextAllowed;
        boolean givingUpReported;
    }

    private final Map<String, Attempts> byKey = new HashMap<>();

    /**
     * The NeedsRemount images whose next attempt is due. Images no longer in NeedsRemount (or gone)
     * are forgotten, so that a later NeedsRemount starts with a full set of attempts.
     */
    List<MonitoredImage> due(Snapshot snapshot, Instant now, int maxAttempts) {
        byKey.keySet().removeIf(key -> {
            MonitoredImage image = snapshot.byKey().get(key);
            return image == null || image.mountStatus() != MountStatus.NEEDS_REMOUNT;
        });
        List<MonitoredImage> due = new ArrayList<>();
        for (MonitoredImage image : snapshot.byKey().values()) {
            if (image.mountStatus() != MountStatus.NEEDS_REMOUNT || image.mountPath() == null) {
                continue;
            }
            Attempts attempts = byKey.get(image.key());
            if (attempts == null || (attempts.made < maxAttempts && !now.isBefore(attempts.nextAllowed))) {
                due.add(image);
            }
        }
        return due;
    }

    /** Records an attempt starting now; the next may start after backoff × 2^(attempts so far − 1). */
    int attempted(String key, Instant now, Duration backoff) {
        Attempts attempts = byKey.computeIfAbsent(key, k -> new Attempts());
        attempts.made++;
        attempts.nextAllowed = now.plus(wait(backoff, attempts.made));
        return attempts.made;
    }

    /** Images that used up their attempts and were not yet reported; each is returned once. */
    List<String> newlyExhausted(int maxAttempts) {
        List<String> keys = new ArrayList<>();
        byKey.forEach((key, attempts) -> {
            if (attempts.made >= maxAttempts && !attempts.givingUpReported) {
                attempts.givingUpReported = true;
                keys.add(key);
            }
        });
        return keys;
    }

    /** When the earliest waiting attempt becomes due. */
    Optional<Instant> nextDue(int maxAttempts) {
        return byKey.values().stream().filter(a -> a.made < maxAttempts).map(a -> a.nextAllowed).min(Instant::compareTo);
    }

    static Duration wait(Duration backoff, int attemptsMade) {
        return new Backoff(backoff, LONGEST_WAIT).after(attemptsMade);
    }
}
