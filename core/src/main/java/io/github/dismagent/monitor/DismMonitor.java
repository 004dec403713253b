package io.github.dismagent.monitor;

import io.github.dismagent.dism.DismException;
import io.github.dismagent.dism.DismSession;
import io.github.dismagent.dism.DismUnavailableException;
import io.github.dismagent.dism.HResult;
import io.github.dismagent.dism.LoadedDismLibrary;
import io.github.dismagent.dism.MountedImage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads DISM's mount table on a schedule and on demand, keeps the last read as an immutable
 * {@link Snapshot}, runs remounts (one per image at a time) and cleanups, and remounts
 * NeedsRemount images by itself when auto-remount is on.
 *
 * <p>All of the monitor's state lives on one daemon thread, {@code dismagent-monitor}; DISM's
 * answers come back to it from the DISM thread. Readers never call DISM: {@link #snapshot()} is a
 * volatile read. A refresh that does not return within {@code callTimeout} makes DISM count as
 * unavailable while the last good table stays visible; while it hangs, no refresh is queued behind
 * it and remounts are refused instead of queued.
 */
public final class DismMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DismMonitor.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final DismSession dism;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final List<MonitorListener> listeners = new CopyOnWriteArrayList<>();
    private volatile MonitorSettings settings;
    private volatile Snapshot snapshot;
    private volatile Thread monitorThread;

    // Everything below is touched on the monitor thread only.
    private RefreshRun refreshRun;
    private CompletableFuture<Snapshot> refreshQueued;
    private ScheduledFuture<?> ticks;
    private ScheduledFuture<?> retry;
    private ScheduledFuture<?> autoRemountWakeUp;
    private int consecutiveFailures;
    private String loggedProblem = "";
    private final Map<String, RemountRun> remounts = new HashMap<>();
    private Instant cleanupStarted;
    private final Map<String, String> lastRemountResults = new HashMap<>();
    private final AutoRemountPolicy autoRemountPolicy = new AutoRemountPolicy();

    private static final class RefreshRun {
        final Instant started;
        final long startNanos = System.nanoTime();
        final CompletableFuture<Snapshot> result = new CompletableFuture<>();
        ScheduledFuture<?> hungCheck;
        boolean reportedHung;

        RefreshRun(Instant started) {
            this.started = started;
        }
    }

    private record RemountRun(Instant started, Trigger trigger) {
    }

    private DismMonitor(DismSession dism, MonitorSettings settings, Clock clock) {
        this.dism = dism;
        this.settings = settings;
        this.clock = clock;
        this.snapshot = Snapshot.initial("not loaded yet");
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dismagent-monitor");
            thread.setDaemon(true);
            monitorThread = thread;
            return thread;
        });
    }

    /** A monitor that has not read anything yet; add listeners, then {@link #start()}. */
    public static DismMonitor create(DismSession dism, MonitorSettings settings) {
        return create(dism, settings, Clock.systemUTC());
    }

    static DismMonitor create(DismSession dism, MonitorSettings settings, Clock clock) {
        return new DismMonitor(dism, settings, clock);
    }

    /** Reads the mount table now, then every {@code refreshInterval}. */
    public DismMonitor start() {
        onMonitorThread(() -> {
            requestRefresh();
            scheduleTicks();
        });
        return this;
    }

    /** The mount table as last read. Never calls DISM. */
    public Snapshot snapshot() {
        return snapshot;
    }

    public MonitorSettings settings() {
        return settings;
    }

    /**
     * Adds a listener. It is first told the current snapshot, with every image in it as appeared,
     * on the monitor thread, so that it misses nothing between reading the snapshot and listening.
     */
    public void addListener(MonitorListener listener) {
        runAndWait(() -> {
            listeners.add(listener);
            Snapshot current = snapshot;
            List<StatusChange> appeared = current.byKey().values().stream()
                    .map(image -> new StatusChange(StatusChange.Kind.APPEARED, image, "")).toList();
            call(listener, l -> l.snapshotPublished(current, appeared));
        });
    }

    public void removeListener(MonitorListener listener) {
        listeners.remove(listener);
    }

    /** Reads the mount table now; while a read runs, one more is queued and shared by every caller. */
    public CompletableFuture<Snapshot> refresh() {
        CompletableFuture<Snapshot> result = new CompletableFuture<>();
        onMonitorThread(() -> requestRefresh().whenComplete((s, e) -> complete(result, s, e)), result);
        return result;
    }

    /**
     * Remounts the image mounted at this path, matched the Windows way. Refused without calling
     * DISM when read-only, when the path is malformed or not mounted, when the image is Ok or
     * Invalid, when a remount of it is running, or when DISM is stuck in another call.
     */
    public CompletableFuture<RemountOutcome> remount(String mountPath, Trigger trigger) {
        CompletableFuture<RemountOutcome> result = new CompletableFuture<>();
        onMonitorThread(() -> startRemount(mountPath, trigger, result), result);
        return result;
    }

    /** Removes the mount points of Invalid images, when {@code allowCleanup} is on; the future holds the one-line result. */
    public CompletableFuture<String> cleanupMountpoints() {
        CompletableFuture<String> result = new CompletableFuture<>();
        onMonitorThread(() -> startCleanup(result), result);
        return result;
    }

    public void setRefreshInterval(Duration interval) {
        MonitorSettings.requireInterval(interval);
        settings = settings.withRefreshInterval(interval);
        onMonitorThread(this::scheduleTicks);
        log.info("Refresh interval set to {}", Durations.format(interval));
    }

    /** @throws IllegalStateException when turning it on under {@code readOnly=true} */
    public void setAutoRemount(boolean on) {
        if (on && settings.readOnly()) {
            throw new IllegalStateException("auto-remount changes mounts, which readOnly=true forbids");
        }
        settings = settings.withAutoRemount(on);
        log.info("Auto-remount turned {}", on ? "on" : "off");
        if (on) {
            onMonitorThread(this::runAutoRemount);
        }
    }

    /** Stops reading; the DISM session belongs to the caller and stays open. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    // ---- refresh ----------------------------------------------------------------------------

    private void scheduleTicks() {
        if (ticks != null) {
            ticks.cancel(false);
        }
        long interval = settings.refreshInterval().toMillis();
        ticks = executor.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** A scheduled read; skipped while one runs, so that reads never pile up behind a hung DISM. */
    private void tick() {
        if (refreshRun == null) {
            requestRefresh();
        }
    }

    private CompletableFuture<Snapshot> requestRefresh() {
        if (refreshRun == null) {
            return startRefresh().result;
        }
        if (refreshQueued == null) {
            refreshQueued = new CompletableFuture<>();
        }
        return refreshQueued;
    }

    private RefreshRun startRefresh() {
        RefreshRun run = new RefreshRun(clock.instant());
        refreshRun = run;
        run.hungCheck = executor.schedule(() -> reportHung(run), settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
        dism.mountedImagesAsync().whenCompleteAsync((images, error) -> refreshDone(run, images, error), executor);
        return run;
    }

    private void refreshDone(RefreshRun run, List<MountedImage> images, Throwable error) {
        refreshRun = null;
        run.hungCheck.cancel(false);
        Duration took = Duration.ofNanos(System.nanoTime() - run.startNanos);
        Throwable cause = unwrap(error);
        if (cause == null) {
            refreshSucceeded(images);
        } else {
            refreshFailed(cause);
        }
        notifyListeners(l -> l.refreshFinished(took, cause == null));
        run.result.complete(snapshot);
        if (refreshQueued != null) {
            CompletableFuture<Snapshot> queued = refreshQueued;
            refreshQueued = null;
            startRefresh().result.whenComplete((s, e) -> complete(queued, s, e));
        }
        if (cause == null) {
            runAutoRemount();
        }
    }

    private void refreshSucceeded(List<MountedImage> images) {
        Instant now = clock.instant();
        SnapshotDiff.Result diff = SnapshotDiff.between(snapshot, images, now, lastRemountResults);
        publish(new Snapshot(diff, now, backend()), diff.changes());
        logChanges(diff.changes());
        if (!loggedProblem.isEmpty()) {
            log.info("DISM answers again: {} mounted images ({} Ok, {} NeedsRemount, {} Invalid)", snapshot.mountedCount(),
                    snapshot.count(io.github.dismagent.dism.MountStatus.OK), snapshot.count(io.github.dismagent.dism.MountStatus.NEEDS_REMOUNT),
                    snapshot.count(io.github.dismagent.dism.MountStatus.INVALID));
            loggedProblem = "";
        }
        consecutiveFailures = 0;
    }

    private static void logChanges(List<StatusChange> changes) {
        if (log.isInfoEnabled()) {
            ChangeLog.lines(changes).forEach(line -> log.info("{}", line));
        }
    }

    private void refreshFailed(Throwable cause) {
        String problem = cause instanceof DismException || cause instanceof DismUnavailableException
                ? cause.getMessage() : "reading the mount table failed: " + cause;
        publish(snapshot.unavailable(problem, backend()), List.of());
        consecutiveFailures++;
        if (!problem.equals(loggedProblem)) {
            // Reported once per distinct problem, not every interval.
            log.warn("DISM is unavailable: {}", DismAdvice.explain(problem, cause));
            loggedProblem = problem;
        }
        if (cause instanceof DismException dismFailure && HResult.isTransient(dismFailure.hresult())) {
            scheduleRetry();
        }
    }

    /** A transient failure is retried sooner than the next interval: 1 s, 2 s, 4 s ... up to the interval. */
    private void scheduleRetry() {
        Duration wait = AutoRemountPolicy.wait(FIRST_RETRY, consecutiveFailures);
        if (wait.compareTo(settings.refreshInterval()) >= 0) {
            return;
        }
        if (retry != null) {
            retry.cancel(false);
        }
        retry = executor.schedule(this::tick, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reportHung(RefreshRun run) {
        if (refreshRun != run || run.reportedHung) {
            return;
        }
        run.reportedHung = true;
        String since = Durations.human(Duration.between(run.started, clock.instant()));
        String problem = "DismGetMountedImageInfo has not returned after " + since + "; the images shown are those read at "
                + snapshot.lastRefresh().map(Instant::toString).orElse("(never)");
        publish(snapshot.unavailable(problem, backend()), List.of());
        if (!problem.equals(loggedProblem)) {
            log.warn("DISM is not answering: {}. Nothing more is queued behind it.", problem);
            loggedProblem = problem;
        }
    }

    private String backend() {
        return dism.library().map(LoadedDismLibrary::description).orElse("none loaded");
    }

    // ---- remount ----------------------------------------------------------------------------

    private void startRemount(String mountPath, Trigger trigger, CompletableFuture<RemountOutcome> result) {
        Optional<String> refusal = remountRefusal(mountPath);
        if (refusal.isPresent()) {
            result.complete(new RemountOutcome(mountPath, trigger, RemountOutcome.Result.REFUSED, refusal.get(), Duration.ZERO, clock.instant()));
            return;
        }
        ImageState image = snapshot.find(mountPath).orElseThrow();
        String path = image.image().mountPath();
        remounts.put(image.key(), new RemountRun(clock.instant(), trigger));
        if (trigger == Trigger.AUTO) {
            int attempt = autoRemountPolicy.attempted(image.key(), clock.instant(), settings.autoRemountBackoff());
            log.info("Auto-remount of {}: attempt {} of {}", path, attempt, settings.autoRemountMaxAttempts());
        }
        long start = System.nanoTime();
        dism.remountAsync(path).whenCompleteAsync((hresult, error) -> {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Throwable cause = unwrap(error);
            String line = cause == null
                    ? "Remounted " + path + " in " + Durations.human(took)
                    + (hresult != HResult.S_OK ? " (DISM: " + HResult.describe(hresult, "") + ")" : "")
                    : "Remount of " + path + " failed: " + describe(cause);
            afterRefresh(read -> finishRemount(image.key(), path, trigger, cause == null,
                    line + (cause == null ? statusAfterwards(read, image.key()) : ""), took, result));
        }, executor);
    }

    private Optional<String> remountRefusal(String mountPath) {
        if (settings.readOnly()) {
            return Optional.of("Refused: dismagent runs with readOnly=true, which forbids changing mounts.");
        }
        Optional<String> problem = MountPaths.problem(mountPath);
        if (problem.isPresent()) {
            return Optional.of("Refused: " + problem.get() + ".");
        }
        Optional<ImageState> found = snapshot.find(mountPath);
        if (found.isEmpty()) {
            return Optional.of(MountPaths.abbreviate(mountPath) + " is not mounted (as of the last read of the mount table). "
                    + mountedList());
        }
        ImageState image = found.get();
        String path = image.image().mountPath();
        switch (image.image().mountStatus()) {
            case OK:
                return Optional.of(path + " is Ok; there is nothing to remount.");
            case INVALID:
                return Optional.of(path + " is Invalid and cannot be remounted. Unmount it with discard (PowerShell: "
                        + "Dismount-WindowsImage -Path '" + path + "' -Discard, or dism /Unmount-Image /MountDir:\"" + path
                        + "\" /Discard), then run cleanupMountpoints.");
            case UNKNOWN:
                return Optional.of(path + " has status " + image.image().mountStatusName() + ", which this version of dismagent "
                        + "cannot remount; look at it with Get-WindowsImage -Mounted.");
            default:
                break;
        }
        RemountRun running = remounts.get(image.key());
        if (running != null) {
            return Optional.of("A remount of " + path + " is already in progress (" + running.trigger().label() + ", started "
                    + Durations.human(Duration.between(running.started(), clock.instant())) + " ago).");
        }
        return dismStuck().map(stuck -> stuck + "; the remount of " + path + " was not queued behind it. Try again once DISM answers.");
    }

    private void finishRemount(String key, String path, Trigger trigger, boolean succeeded, String line, Duration took,
                               CompletableFuture<RemountOutcome> result) {
        String stamped = clock.instant() + " " + trigger.label() + ": " + line;
        lastRemountResults.put(key, stamped);
        publish(snapshot.withRemountResult(key, stamped), List.of());
        remounts.remove(key);
        RemountOutcome outcome = new RemountOutcome(path, trigger, succeeded ? RemountOutcome.Result.SUCCESS : RemountOutcome.Result.FAILURE,
                line, took, clock.instant());
        if (trigger == Trigger.AUTO || !succeeded) {
            // Manual remounts are logged by whoever asked (JMX logs its caller); auto ones only here.
            log.info("{} remount: {}", trigger.label(), line);
        }
        notifyListeners(l -> l.remountFinished(outcome));
        result.complete(outcome);
    }

    /** "; it is now Ok.", or why the new status is not known. */
    private static String statusAfterwards(Optional<Snapshot> read, String key) {
        if (read.isEmpty()) {
            return "; the mount table could not be read again afterwards.";
        }
        ImageState image = read.get().byKey().get(key);
        if (image == null) {
            return "; it is no longer mounted.";
        }
        String status = image.image().mountStatusName();
        return image.image().mountStatus() == io.github.dismagent.dism.MountStatus.OK
                ? "; it is now Ok." : "; DISM still reports it as " + status + ".";
    }

    /**
     * Runs after a refresh that follows a change, with the table it read, or empty when the
     * refresh failed or did not come back within callTimeout.
     */
    private void afterRefresh(Consumer<Optional<Snapshot>> then) {
        CompletableFuture<Snapshot> read = requestRefresh();
        boolean[] done = {false};
        Runnable timeout = () -> {
            if (!done[0]) {
                done[0] = true;
                then.accept(Optional.empty());
            }
        };
        ScheduledFuture<?> timer = executor.schedule(timeout, settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
        read.whenCompleteAsync((s, e) -> {
            if (!done[0]) {
                done[0] = true;
                timer.cancel(false);
                then.accept(Optional.ofNullable(s).filter(Snapshot::available));
            }
        }, executor);
    }

    private String mountedList() {
        List<String> paths = snapshot.images().stream().map(ImageState::displayPath).toList();
        if (paths.isEmpty()) {
            return "No image is mounted.";
        }
        List<String> shown = paths.size() <= 5 ? paths : paths.subList(0, 5);
        return "Mounted: " + String.join(", ", shown) + (paths.size() > 5 ? " and " + (paths.size() - 5) + " more." : ".");
    }

    /** Why DISM counts as stuck: a call running for longer than callTimeout. */
    private Optional<String> dismStuck() {
        return dism.runningCall()
                .filter(call -> Duration.between(call.since(), clock.instant()).compareTo(settings.callTimeout()) > 0)
                .map(call -> "DISM has not returned from " + call.function() + " for "
                        + Durations.human(Duration.between(call.since(), clock.instant())));
    }

    // ---- cleanup ----------------------------------------------------------------------------

    private void startCleanup(CompletableFuture<String> result) {
        MonitorSettings now = settings;
        Optional<String> refusal;
        if (now.readOnly()) {
            refusal = Optional.of("Refused: dismagent runs with readOnly=true, which forbids changing mounts.");
        } else if (!now.allowCleanup()) {
            refusal = Optional.of("Refused: cleanupMountpoints is disabled; start dismagent with allowCleanup=true to enable it.");
        } else if (cleanupStarted != null) {
            refusal = Optional.of("A cleanup is already in progress (started "
                    + Durations.human(Duration.between(cleanupStarted, clock.instant())) + " ago).");
        } else {
            refusal = dismStuck().map(stuck -> stuck + "; the cleanup was not queued behind it. Try again once DISM answers.");
        }
        if (refusal.isPresent()) {
            result.complete(refusal.get());
            return;
        }
        cleanupStarted = clock.instant();
        int before = snapshot.mountedCount();
        long start = System.nanoTime();
        dism.cleanupMountpointsAsync().whenCompleteAsync((ignored, error) -> {
            Throwable cause = unwrap(error);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            afterRefresh(read -> {
                cleanupStarted = null;
                String line = cause != null ? "Cleanup failed: " + describe(cause)
                        : "Cleaned up mount points in " + Durations.human(took) + ": " + before + " images mounted before, "
                        + read.map(r -> r.mountedCount() + " now.").orElse("and the mount table could not be read again afterwards.");
                log.info("{}", line);
                result.complete(line);
            });
        }, executor);
    }

    // ---- auto-remount -----------------------------------------------------------------------

    private void runAutoRemount() {
        MonitorSettings now = settings;
        if (!now.autoRemount() || now.readOnly() || dismStuck().isPresent()) {
            return;
        }
        for (ImageState image : autoRemountPolicy.due(snapshot, clock.instant(), now.autoRemountMaxAttempts())) {
            if (!remounts.containsKey(image.key())) {
                startRemount(image.image().mountPath(), Trigger.AUTO, new CompletableFuture<>());
            }
        }
        for (String key : autoRemountPolicy.newlyExhausted(now.autoRemountMaxAttempts())) {
            String path = Optional.ofNullable(snapshot.byKey().get(key)).map(ImageState::displayPath).orElse(key);
            log.warn("Auto-remount gave up on {} after {} attempts; it will try again when the image's status changes. "
                    + "Remount it by hand (remount operation) or look at it with Get-WindowsImage -Mounted.", path, now.autoRemountMaxAttempts());
        }
        if (autoRemountWakeUp != null) {
            autoRemountWakeUp.cancel(false);
        }
        autoRemountPolicy.nextDue(now.autoRemountMaxAttempts()).ifPresent(due -> {
            long delay = Math.max(1, Duration.between(clock.instant(), due).toMillis());
            autoRemountWakeUp = executor.schedule(this::runAutoRemount, delay, TimeUnit.MILLISECONDS);
        });
    }

    // ---- plumbing ---------------------------------------------------------------------------

    private void publish(Snapshot next, List<StatusChange> changes) {
        snapshot = next;
        notifyListeners(l -> l.snapshotPublished(next, changes));
    }

    private void notifyListeners(Consumer<MonitorListener> event) {
        for (MonitorListener listener : listeners) {
            call(listener, event);
        }
    }

    private static void call(MonitorListener listener, Consumer<MonitorListener> event) {
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            log.warn("A dismagent monitor listener ({}) failed: {}", listener.getClass().getName(), e.toString(), e);
        }
    }

    private void onMonitorThread(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("monitor closed; task dropped");
        }
    }

    private void onMonitorThread(Runnable task, CompletableFuture<?> result) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the dismagent monitor is closed"));
        }
    }

    /** Runs the task on the monitor thread and waits for it; inline when already there. */
    private void runAndWait(Runnable task) {
        if (Thread.currentThread() == monitorThread) {
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

    private static <T> void complete(CompletableFuture<T> target, T value, Throwable error) {
        if (error == null) {
            target.complete(value);
        } else {
            target.completeExceptionally(error);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable cause) {
        if (cause instanceof DismException dismFailure) {
            return dismFailure.describe();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** Waits for a future at most this long; empty when it is still running. */
    static <T> Optional<T> await(CompletableFuture<T> future, Duration timeout) {
        try {
            return Optional.ofNullable(future.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(unwrap(e).getMessage(), unwrap(e));
        }
    }
}
