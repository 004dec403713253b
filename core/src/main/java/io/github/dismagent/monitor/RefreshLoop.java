package io.github.dismagent.monitor;

import io.github.dismagent.LogText;
import io.github.dismagent.dism.DismException;
import io.github.dismagent.dism.DismSession;
import io.github.dismagent.dism.HResult;
import io.github.dismagent.dism.LoadedDismLibrary;
import io.github.dismagent.dism.MountedImage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the mount table on the interval and on demand, on the monitor thread. One read at a time:
 * a request while one runs is queued once and shared by every caller, and a scheduled read is
 * skipped, so that reads never pile up behind a hung DISM. A read that has not returned within
 * {@code callTimeout} makes DISM count as unavailable while the last good table stays visible. A
 * transient failure is read again sooner than the interval ({@link #RETRY}).
 *
 * <p>Every tick also checks that the read in progress is really in progress: an {@link Error} (an
 * {@link OutOfMemoryError} on a starved host) thrown while DISM's answer was handed back would
 * otherwise leave "a read is in progress" set forever. A read whose answer is there but was never
 * taken is finished with that answer; a read that DISM is not running and has not answered after
 * {@code callTimeout} is given up as lost. {@link #health()} tells whether the loop is alive.
 */
final class RefreshLoop {
    // The monitor's parts log as DismMonitor, the category users filter on (docs/reference.md, "Log").
    private static final Logger log = LoggerFactory.getLogger(DismMonitor.class);
    /** After a transient failure: 1 s, 2 s, 4 s ... while shorter than the refresh interval. */
    static final Backoff RETRY = new Backoff(Duration.ofSeconds(1), Duration.ofDays(1));

    private final DismSession dism;
    private final MonitorThread thread;
    private final MonitorState state;
    private final Clock clock;
    private final Supplier<MonitorSettings> settings;
    private final Runnable afterGoodRead;

    // Touched on the monitor thread only (the volatile ones are also read by health()).
    private volatile Run running;
    private volatile long lastTickNanos = System.nanoTime();
    private CompletableFuture<Snapshot> queued;
    private ScheduledFuture<?> ticks;
    private ScheduledFuture<?> retry;
    private int consecutiveFailures;
    private String loggedProblem = "";
    private final LogBudget changeLines = new LogBudget();
    private final LogBudget oddityLines = new LogBudget();
    /** The oddities of the last good read: logged when they first appear, not at every read. */
    private List<String> loggedOddities = List.of();

    private static final class Run {
        final Instant started;
        final long startNanos = System.nanoTime();
        final CompletableFuture<Snapshot> result = new CompletableFuture<>();
        CompletableFuture<List<MountedImage>> answer;
        ScheduledFuture<?> hungCheck;
        boolean reportedHung;

        Run(Instant started) {
            this.started = started;
        }
    }

    /** @param afterGoodRead runs on the monitor thread after each successful read */
    RefreshLoop(DismSession dism, MonitorThread thread, MonitorState state, Clock clock, Supplier<MonitorSettings> settings,
                Runnable afterGoodRead) {
        this.dism = dism;
        this.thread = thread;
        this.state = state;
        this.clock = clock;
        this.settings = settings;
        this.afterGoodRead = afterGoodRead;
    }

    /** (Re)starts the schedule with the current refresh interval. */
    void scheduleTicks() {
        if (ticks != null) {
            ticks.cancel(false);
        }
        ticks = thread.every(settings.get().refreshInterval(), this::tick);
    }

    /** Reads now; while a read runs, one more is queued and shared by every caller. */
    CompletableFuture<Snapshot> request() {
        if (running == null) {
            return start().result;
        }
        if (queued == null) {
            queued = new CompletableFuture<>();
        }
        return queued;
    }

    /**
     * Reads again after a change and gives the table read, or empty when the read failed or did not
     * come back within {@code callTimeout}.
     */
    void readAgain(Consumer<Optional<Snapshot>> then) {
        CompletableFuture<Snapshot> read = request();
        boolean[] done = {false};
        ScheduledFuture<?> timer = thread.schedule(() -> {
            if (!done[0]) {
                done[0] = true;
                then.accept(Optional.empty());
            }
        }, settings.get().callTimeout());
        read.whenCompleteAsync((s, e) -> {
            if (!done[0]) {
                done[0] = true;
                timer.cancel(false);
                then.accept(Optional.ofNullable(s).filter(Snapshot::available));
            }
        }, thread.executor());
    }

    private void tick() {
        lastTickNanos = System.nanoTime();
        FaultInjection.at(FaultInjection.TICK);
        Run run = running;
        if (run != null) {
            recoverIfLost(run);
        }
        if (running == null) {
            request();
        }
    }

    /** Whether the loop is alive: its schedule ticks, and no read is lost. */
    LoopHealth health() {
        // Plain long arithmetic, no object made, while the loop is healthy: the watchdog asks on a
        // host whose heap may be full, and a class first initialised then (BigDecimal, which
        // Duration.multipliedBy used here) fails for good (docs/reliability.md, "Out of memory").
        long now = System.nanoTime();
        long sinceTick = now - lastTickNanos;
        long tickBound = LoopHealth.tickBoundNanos(settings.get().refreshInterval().toNanos());
        if (sinceTick > tickBound) {
            return LoopHealth.wedged("the refresh schedule has not ticked for " + Durations.format(Duration.ofNanos(sinceTick))
                    + " (bound " + Durations.format(Duration.ofNanos(tickBound)) + ")");
        }
        Run run = running;
        if (run != null && isLost(run, now)) {
            return LoopHealth.wedged("a read started " + Durations.format(Duration.ofNanos(now - run.startNanos))
                    + " ago has neither answered nor is it running in DISM");
        }
        return LoopHealth.OK;
    }

    private boolean isLost(Run run, long now) {
        Duration callTimeout = settings.get().callTimeout();
        return now - run.startNanos > callTimeout.toNanos() && dism.runningCall().isEmpty() && dism.queuedCalls() == 0
                && (run.answer == null || !run.answer.isDone());
    }

    private void recoverIfLost(Run run) {
        dism.keepThreadAlive();
        CompletableFuture<List<MountedImage>> answer = run.answer;
        if (answer != null && answer.isDone()) {
            log.warn("A read of the mount table had finished in DISM but its answer never reached the monitor (an Error such as "
                    + "OutOfMemoryError was thrown on the way); taking the answer now");
            answer.whenComplete((images, error) -> finished(run, images, error));
        } else if (isLost(run, System.nanoTime())) {
            log.warn("A read of the mount table was lost: DISM is not running it and it has not answered after {} (an Error such "
                    + "as OutOfMemoryError was thrown on the way); reading again", Durations.format(settings.get().callTimeout()));
            finished(run, null, new IllegalStateException("the read was lost (an Error was thrown while DISM's answer was handed on)"));
        } else if (Duration.ofNanos(System.nanoTime() - run.startNanos).compareTo(settings.get().callTimeout()) > 0) {
            reportHung(run); // in case the scheduled check itself was lost
        }
    }

    private Run start() {
        Run run = new Run(clock.instant());
        running = run;
        run.hungCheck = thread.schedule(() -> reportHung(run), settings.get().callTimeout());
        run.answer = dism.mountedImagesAsync();
        run.answer.whenCompleteAsync((images, error) -> {
            FaultInjection.at(FaultInjection.READ_ANSWERED);
            finished(run, images, error);
        }, thread.executor());
        return run;
    }

    private void finished(Run run, List<MountedImage> images, Throwable error) {
        if (running != run) {
            return; // already finished by recoverIfLost, or given up as lost
        }
        running = null;
        Throwable cause = Futures.unwrap(error);
        try {
            if (run.hungCheck != null) {
                run.hungCheck.cancel(false);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - run.startNanos);
            FaultInjection.at(FaultInjection.READ_PUBLISHING);
            if (cause == null) {
                succeeded(images);
            } else {
                failed(cause);
            }
            state.tell(l -> l.refreshFinished(took, cause == null));
        } finally {
            // Whatever was thrown above, the callers get an answer and the queued read runs.
            run.result.complete(state.snapshot());
            if (queued != null) {
                CompletableFuture<Snapshot> next = queued;
                queued = null;
                try {
                    start().result.whenComplete((s, e) -> Futures.complete(next, s, e));
                } catch (Throwable t) {
                    next.completeExceptionally(t);
                    throw t;
                }
            }
        }
        if (cause == null) {
            afterGoodRead.run();
        }
    }

    private void succeeded(List<MountedImage> images) {
        Instant now = clock.instant();
        SnapshotDiff.Result diff = SnapshotDiff.between(state.snapshot(), images, now, state.lastRemountResults());
        state.publish(diff.snapshot(now, backend()), diff.changes());
        if (log.isInfoEnabled()) {
            changeLines.admit(ChangeLog.lines(diff.changes()), System.nanoTime()).forEach(line -> log.info("{}", LogText.line(line)));
        }
        if (!diff.oddities().equals(loggedOddities)) {
            // New ones only, and within a per-minute budget: a repeat that comes and goes at every
            // other read must not write thousands of lines a minute.
            List<String> seenBefore = loggedOddities;
            List<String> fresh = diff.oddities().stream().filter(line -> !seenBefore.contains(line)).toList();
            oddityLines.admit(fresh, System.nanoTime()).forEach(line -> log.warn("{}", LogText.line(line)));
            loggedOddities = diff.oddities();
        }
        if (!loggedProblem.isEmpty()) {
            log.info("{}", LogText.line(RefreshMessages.answersAgain(state.snapshot())));
            loggedProblem = "";
        }
        consecutiveFailures = 0;
    }

    private void failed(Throwable cause) {
        String problem = RefreshMessages.readProblem(cause);
        state.publish(state.snapshot().unavailable(problem, backend()), List.of());
        consecutiveFailures++;
        if (!problem.equals(loggedProblem)) {
            // Reported once per distinct problem, not every interval.
            log.warn("{}", LogText.line(RefreshMessages.unavailable(problem, cause)));
            loggedProblem = problem;
        }
        if (cause instanceof DismException dismFailure && HResult.isTransient(dismFailure.hresult())) {
            scheduleRetry();
        }
    }

    private void scheduleRetry() {
        Duration wait = RETRY.after(consecutiveFailures);
        if (wait.compareTo(settings.get().refreshInterval()) >= 0) {
            return;
        }
        if (retry != null) {
            retry.cancel(false);
        }
        retry = thread.schedule(this::tick, wait);
    }

    private void reportHung(Run run) {
        if (running != run || run.reportedHung) {
            return;
        }
        run.reportedHung = true;
        String problem = RefreshMessages.hung(Duration.between(run.started, clock.instant()), state.snapshot());
        state.publish(state.snapshot().unavailable(problem, backend()), List.of());
        if (!problem.equals(loggedProblem)) {
            log.warn("{}", LogText.line(RefreshMessages.notAnswering(problem)));
            loggedProblem = problem;
        }
    }

    private String backend() {
        return dism.library().map(LoadedDismLibrary::description).orElse("none loaded");
    }
}
