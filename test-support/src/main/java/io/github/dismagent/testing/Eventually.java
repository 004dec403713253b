package io.github.dismagent.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for something asynchronous to become true. The deadline is generous on purpose: it bounds
 * a wait for behaviour, it does not measure speed (that belongs in benchmarks).
 */
public final class Eventually {
    private static final Duration DEFAULT = Duration.ofSeconds(30);

    private Eventually() {
    }

    public static void await(String what, BooleanSupplier condition) {
        await(what, condition, DEFAULT);
    }

    public static void await(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }

    /** Waits until the supplier returns this value, and shows the last value when it never does. */
    public static <T> void awaitValue(String what, T expected, Supplier<T> actual) {
        Object[] last = {null};
        try {
            await(what, () -> {
                last[0] = actual.get();
                return expected.equals(last[0]);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": expected <" + expected + "> but was <" + last[0] + ">", e);
        }
    }
}
