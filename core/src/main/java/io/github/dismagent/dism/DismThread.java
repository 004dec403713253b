package io.github.dismagent.dism;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread on which every DISM call runs. DISM keeps its last-error message per thread, and
 * nothing documents the API as thread-safe, so calls are queued and run one at a time. The thread
 * is a daemon: a DISM call that never returns cannot hold up the JVM's exit.
 */
final class DismThread {

    /** Work for the DISM thread. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws Exception;
    }

    /** Test seam: runs (and may throw an Error) just before a call's future is completed. Null in production. */
    static volatile Runnable faultBeforeCompletion;

    private final ThreadPoolExecutor executor;
    private volatile Thread thread;
    private volatile RunningCall running;

    DismThread(String name) {
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    /** Queues the call; the future completes with its result or its exception. */
    <T> DismCall<T> submit(String function, Call<T> call) {
        DismCall<T> result = new DismCall<>();
        try {
            executor.execute(() -> run(function, call, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the DISM session is closed; " + function + " was not called"));
        }
        return result;
    }

    /**
     * Runs the call and completes its future whatever is thrown, an {@link Error} included: a future
     * left incomplete would make its caller wait forever.
     */
    private <T> void run(String function, Call<T> call, DismCall<T> result) {
        T value = null;
        Throwable failure = null;
        long began = System.nanoTime();
        try {
            running = new RunningCall(function, Instant.now());
            value = call.run();
        } catch (Throwable t) {
            failure = t;
        }
        // Cleared before the caller wakes up, so that it never sees its finished call as running.
        running = null;
        try {
            result.ran(Duration.ofNanos(System.nanoTime() - began));
            Runnable fault = faultBeforeCompletion;
            if (fault != null) {
                fault.run();
            }
            complete(result, value, failure);
        } catch (Throwable t) {
            // Out of memory while completing: once more, with what was thrown if nothing else. What
            // a dependent stage lost on the way is found again by the monitor's next tick.
            try {
                result.completeExceptionally(failure != null ? failure : t);
            } catch (Throwable ignored) {
                // the monitor gives the call up as lost after callTimeout
            }
        }
    }

    private static <T> void complete(CompletableFuture<T> result, T value, Throwable failure) {
        if (failure == null) {
            result.complete(value);
        } else {
            result.completeExceptionally(failure);
        }
    }

    /** Starts a new thread when an Error killed the last one and none could be made then. */
    void keepAlive() {
        executor.prestartCoreThread();
    }

    Optional<RunningCall> runningCall() {
        return Optional.ofNullable(running);
    }

    /** Calls waiting behind the running one. */
    int queued() {
        return executor.getQueue().size();
    }

    boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    /** Accepts no more calls; the queued ones still run. */
    void shutdown() {
        executor.shutdown();
    }
}
