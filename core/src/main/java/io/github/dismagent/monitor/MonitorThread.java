package io.github.dismagent.monitor;

import io.github.dismagent.LogText;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's one daemon thread, {@code dismagent-monitor}. Every piece of the monitor's mutable
 * state is touched on it only, so none of it needs a lock; DISM's answers are handed back to it.
 *
 * <p>Every task runs inside a guard that catches any {@link Throwable}, {@link OutOfMemoryError}
 * included: a periodic task that threw would otherwise never run again (that is what
 * {@code scheduleWithFixedDelay} does), and a caller's future would never complete. When the thread
 * itself dies, the executor starts a new one at the next task.
 */
final class MonitorThread implements AutoCloseable {
    // The monitor's parts log as DismMonitor, the category users filter on (docs/reference.md, "Log").
    private static final Logger log = LoggerFactory.getLogger(DismMonitor.class);
    private static final long REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;
    private volatile long reportedNanos;
    private volatile long unreported;

    MonitorThread() {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread created = new Thread(runnable, "dismagent-monitor");
            created.setDaemon(true);
            thread = created;
            return created;
        });
    }

    /** Runs the task on the thread; dropped when the monitor is closed. */
    void execute(Runnable task) {
        try {
            executor.execute(guarded(task));
        } catch (RejectedExecutionException e) {
            log.debug("monitor closed; task dropped");
        }
    }

    /** Runs the task on the thread; when the monitor is closed or the task throws, fails the caller's future instead. */
    void execute(Runnable task, CompletableFuture<?> result) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                    report(t);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the dismagent monitor is closed"));
        }
    }

    /** Runs the task on the thread and waits for it; inline when already there. */
    void runAndWait(Runnable task) {
        if (Thread.currentThread() == thread) {
            task.run();
            return;
        }
        try {
            executor.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the dismagent monitor is closed");
        }
    }

    /**
     * Starts a new thread when an Error ended the last one outside any task (in the executor's own
     * loop) and none was made then: until a task is submitted, a dead thread's schedule would wait
     * forever. Cheap when the thread is alive; called at every read of the snapshot.
     */
    void keepAlive() {
        try {
            executor.prestartCoreThread();
        } catch (Throwable e) {
            // out of memory for a thread too: the next read tries again
        }
    }

    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return executor.schedule(guarded(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    ScheduledFuture<?> every(Duration interval, Runnable task) {
        long millis = interval.toMillis();
        return executor.scheduleWithFixedDelay(guarded(task), millis, millis, TimeUnit.MILLISECONDS);
    }

    /** For {@code whenCompleteAsync}: the answer comes back to this thread. */
    Executor executor() {
        return executor;
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable t) {
                report(t);
            }
        };
    }

    /** Once a minute at most: under memory pressure every tick may fail, and the log must not fill up. */
    private void report(Throwable t) {
        try {
            long now = System.nanoTime();
            if (reportedNanos != 0 && now - reportedNanos < REPORT_INTERVAL_NANOS) {
                unreported++;
                return;
            }
            long before = unreported;
            reportedNanos = now;
            unreported = 0;
            log.warn("A dismagent monitor task failed ({}){}; the monitor goes on", LogText.line(t.toString()),
                    before == 0 ? "" : " and " + before + " more since the last report");
        } catch (Throwable ignored) {
            // out of memory even for the log line: the count is kept for the next report
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
