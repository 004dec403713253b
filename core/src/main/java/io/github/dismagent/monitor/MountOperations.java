package io.github.dismagent.monitor;

import io.github.dismagent.dism.DismCall;
import io.github.dismagent.dism.DismSession;
import io.github.dismagent.dism.UnmountProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs the operations that change mounts (remount, unmount, cleanup) the same way: the
 * refusals they share (read-only, the same image busy, DISM stuck in another call), at most one
 * operation per image at a time, DISM's answer handed back to the monitor thread, the table read
 * again, and only then the result. Driven on the monitor thread.
 */
final class MountOperations {
    /** The key of the operations that concern no single image (cleanup): no mount path compares equal to it. */
    static final String MACHINE_WIDE = "<machine-wide>";

    /**
     * An operation in progress.
     *
     * @param name    {@code remount}, {@code cleanup} ...
     * @param path    the image's mount path as DISM spells it; "" for a machine-wide operation
     * @param trigger who asked
     * @param started when it started
     */
    record Running(String name, String path, Trigger trigger, Instant started) {
    }

    /** What to do once DISM answered and the table was read again (empty when that read failed or timed out). */
    @FunctionalInterface
    interface Finish<T> {
        void accept(T answer, Throwable failure, Duration took, Optional<Snapshot> readAfterwards);
    }

    private final DismSession dism;
    private final RefreshLoop refreshes;
    private final MonitorThread thread;
    private final Clock clock;
    private final Supplier<MonitorSettings> settings;
    private final Map<String, Running> running = new HashMap<>();
    /** What readers see of the running operations by key, e.g. {@code unmount 45%}: written on the monitor and DISM threads, read anywhere. */
    private final Map<String, String> shown = new ConcurrentHashMap<>();

    MountOperations(DismSession dism, RefreshLoop refreshes, MonitorThread thread, Clock clock, Supplier<MonitorSettings> settings) {
        this.dism = dism;
        this.refreshes = refreshes;
        this.thread = thread;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Why an operation may not start now, in this order: read-only; its own reason (an unknown
     * path, a status it does not apply to, an option that is off); another operation on the same
     * key; DISM stuck in a call for longer than {@code callTimeout}.
     *
     * @param what for the "not queued" answer, e.g. {@code the remount of C:\Mount\win11}
     */
    Optional<String> refusal(String key, Supplier<Optional<String>> ownReason, Supplier<String> what) {
        if (settings.get().readOnly()) {
            return Optional.of(RefusalMessages.READ_ONLY);
        }
        Optional<String> own = ownReason.get();
        if (own.isPresent()) {
            return own;
        }
        Running busy = running.get(key);
        if (busy != null) {
            return Optional.of(RefusalMessages.alreadyRunning(busy, clock.instant()));
        }
        return dismStuck().map(stuck -> RefusalMessages.notQueued(stuck, what.get()));
    }

    /** Starts an operation that {@link #refusal} allowed; the key stays busy until {@code finish} runs. */
    <T> void run(String key, Running operation, Supplier<DismCall<T>> dismCall, Finish<T> finish) {
        running.put(key, operation);
        shown.put(key, operation.name());
        long start = System.nanoTime();
        DismCall<T> call = dismCall.get();
        call.whenCompleteAsync((answer, error) -> {
            // DISM's own time: not the time the call waited behind a refresh or another operation.
            Duration took = call.ran().orElseGet(() -> Duration.ofNanos(System.nanoTime() - start));
            Throwable failure = Futures.unwrap(error);
            refreshes.readAgain(read -> {
                running.remove(key);
                shown.remove(key);
                finish.accept(answer, failure, took, read);
            });
        }, thread.executor());
    }

    /**
     * Reports DISM's progress of the operation running under this key as {@code <name> <percent>%};
     * a report that comes after the operation ended is dropped.
     */
    UnmountProgress progressOf(String key, String name) {
        return (current, total) -> {
            if (total > 0) {
                long percent = Math.min(100, current * 100 / total);
                shown.computeIfPresent(key, (k, was) -> name + " " + percent + "%");
            }
        };
    }

    /** The operation running on the image with this key, with its progress when DISM reports one; any thread. */
    Optional<String> operationOf(String key) {
        return Optional.ofNullable(shown.get(key));
    }

    boolean isRunning(String key) {
        return running.containsKey(key);
    }

    /** Why DISM counts as stuck: a call running for longer than callTimeout. */
    Optional<String> dismStuck() {
        Instant now = clock.instant();
        return dism.runningCall()
                .map(call -> Map.entry(call.function(), Duration.between(call.since(), now)))
                .filter(call -> call.getValue().compareTo(settings.get().callTimeout()) > 0)
                .map(call -> RefusalMessages.dismStuck(call.getKey(), call.getValue()));
    }
}
