package io.github.dismagent.monitor;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's one daemon thread, {@code dismagent-monitor}. Every piece of the monitor's mutable
 * state is touched on it only, so none of it needs a lock; DISM's answers are handed back to it.
 */
final class MonitorThread implements AutoCloseable {
    // The monitor's parts log as DismMonitor, the category users filter on (docs/reference.md, "Log").
    private static final Logger log = LoggerFactory.getLogger(DismMonitor.class);

    private final ScheduledExecutorService executor;
    private volatile Thread thread;

    MonitorThread() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread created = new Thread(runnable, "dismagent-monitor");
            created.setDaemon(true);
            thread = created;
            return created;
        });
    }

    /** Runs the task on the thread; dropped when the monitor is closed. */
    void execute(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("monitor closed; task dropped");
        }
    }

    /** Runs the task on the thread; when the monitor is closed, fails the caller's future instead. */
    void execute(Runnable task, CompletableFuture<?> result) {
        try {
            executor.execute(task);
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

    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    ScheduledFuture<?> every(Duration interval, Runnable task) {
        long millis = interval.toMillis();
        return executor.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** For {@code whenCompleteAsync}: the answer comes back to this thread. */
    Executor executor() {
        return executor;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
