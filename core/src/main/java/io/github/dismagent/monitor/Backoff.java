package io.github.dismagent.monitor;

import java.time.Duration;

/**
 * A doubling wait: {@code first}, then twice as long after each further attempt, never longer than
 * {@code longest}.
 *
 * @param first   the wait after the first attempt
 * @param longest the cap
 */
record Backoff(Duration first, Duration longest) {

    /** The wait after this many attempts (1 or more): first × 2^(attempts − 1), at most {@link #longest}. */
    Duration after(int attempts) {
        // Shifts, not Duration.multipliedBy: its BigDecimal may be first used on a full heap, and a class
        // whose initialisation failed stays unusable (docs/reliability.md, "Out of memory").
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        long firstMillis = first.toMillis();
        long longestMillis = longest.toMillis();
        return firstMillis > longestMillis >> doublings ? longest : Duration.ofMillis(firstMillis << doublings);
    }
}
