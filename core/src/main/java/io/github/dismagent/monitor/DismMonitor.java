package io.github.dismagent.monitor;

import io.github.dismagent.dism.DismSession;
import io.github.dismagent.dism.MountPath;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads DISM's mount table on a schedule and on demand, keeps the last read as an immutable
 * {@link Snapshot}, runs remounts (one per image at a time) and cleanups, and remounts
 * NeedsRemount images by itself when auto-remount is on.
 *
 * <p>The work is done by one class per job, all on one daemon thread ({@link MonitorThread}):
 * {@link RefreshLoop} reads the table, {@link MountOperations} runs what changes mounts
 * ({@link Remounts}, {@link Unmounts}, {@link Cleanup}), {@link AutoRemounter} drives auto-remount, and
 * {@link MonitorState} holds what readers see and tells the {@link Listeners}. Readers never call
 * DISM: {@link #snapshot()} is a volatile read.
 */
public final class DismMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DismMonitor.class);

    private final MonitorThread thread = new MonitorThread();
    private final MonitorState state = new MonitorState();
    private final RefreshLoop refreshes;
    private final Remounts remounts;
    private final Cleanup cleanup;
    private final Unmounts unmounts;
    private final MountOperations operations;
    private final AutoRemounter autoRemounter;
    private volatile MonitorSettings settings;
    private volatile boolean started;

    private DismMonitor(DismSession dism, MonitorSettings settings, Clock clock) {
        this.settings = settings;
        this.refreshes = new RefreshLoop(dism, thread, state, clock, this::settings, this::afterGoodRead);
        this.operations = new MountOperations(dism, refreshes, thread, clock, this::settings);
        this.unmounts = new Unmounts(dism, operations, state, clock, this::settings);
        this.remounts = new Remounts(dism, operations, state, clock);
        this.cleanup = new Cleanup(dism, operations, state, clock, this::settings);
        this.autoRemounter = new AutoRemounter(remounts, operations, state, thread, clock, this::settings);
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
        started = true;
        thread.execute(() -> {
            refreshes.request();
            refreshes.scheduleTicks();
        });
        return this;
    }

    /**
     * Whether the monitor is alive (docs/reference.md, "/-/healthy"): started, its refresh schedule
     * ticking, no read lost. When the schedule stopped ticking it is armed again here. Never calls DISM.
     */
    public LoopHealth health() {
        if (!started) {
            return LoopHealth.wedged("the monitor has not been started");
        }
        thread.keepAlive();
        LoopHealth health = refreshes.health();
        if (!health.healthy()) {
            thread.execute(refreshes::scheduleTicks);
        }
        return health;
    }

    /** The mount table as last read. Never calls DISM. */
    public Snapshot snapshot() {
        thread.keepAlive();
        return state.snapshot();
    }

    public MonitorSettings settings() {
        return settings;
    }

    /**
     * How many monitor events every listener has been told of. It moves after the listeners
     * returned, so a reader that sees it move also sees what the listeners recorded (a scrape cache
     * keys on it together with the snapshot).
     */
    public long eventsDelivered() {
        return state.eventsDelivered();
    }

    /**
     * Adds a listener. It is first told the current snapshot, with every image in it as appeared,
     * on the monitor thread, so that it misses nothing between reading the snapshot and listening.
     */
    public void addListener(MonitorListener listener) {
        thread.runAndWait(() -> state.addListener(listener));
    }

    public void removeListener(MonitorListener listener) {
        state.removeListener(listener);
    }

    /** Reads the mount table now; while a read runs, one more is queued and shared by every caller. */
    public CompletableFuture<Snapshot> refresh() {
        CompletableFuture<Snapshot> result = new CompletableFuture<>();
        thread.execute(() -> refreshes.request().whenComplete((s, e) -> Futures.complete(result, s, e)), result);
        return result;
    }

    /**
     * Remounts the image mounted at this path, matched the Windows way. Refused without calling
     * DISM when read-only, when the path is not mounted, when the image is Ok or Invalid, when an
     * operation on it is running, or when DISM is stuck in another call.
     */
    public CompletableFuture<RemountOutcome> remount(MountPath mountPath, Trigger trigger) {
        CompletableFuture<RemountOutcome> result = new CompletableFuture<>();
        thread.execute(() -> remounts.start(mountPath, trigger, result), result);
        return result;
    }

    /** Removes the mount points of Invalid images, when {@code allowCleanup} is on; the future holds the one-line result. */
    public CompletableFuture<String> cleanupMountpoints() {
        CompletableFuture<String> result = new CompletableFuture<>();
        thread.execute(() -> cleanup.start(result), result);
        return result;
    }

    /**
     * Unmounts the image mounted at this path and throws away every change made in it, whatever its
     * status. Refused without calling DISM unless {@code allowUnmount} is on, when read-only, when
     * the path is not mounted, when an operation on it is running, or when DISM is stuck in another call.
     */
    public CompletableFuture<UnmountOutcome> unmountDiscard(MountPath mountPath) {
        CompletableFuture<UnmountOutcome> result = new CompletableFuture<>();
        thread.execute(() -> unmounts.start(mountPath, result), result);
        return result;
    }

    /**
     * The mount-changing operation running on this image now, with DISM's progress when it reports
     * one: {@code remount}, {@code unmount 45%}; empty when none. Never calls DISM.
     */
    public Optional<String> operationOf(MonitoredImage image) {
        return operations.operationOf(image.key());
    }

    /** As {@link #operationOf(MonitoredImage)}, for a path matched the Windows way. */
    public Optional<String> operationOf(MountPath mountPath) {
        return operations.operationOf(mountPath.key());
    }

    /** What to do about this image's status under the current settings ({@link OperatorAdvice#advice}); "" for Ok. */
    public String advice(MonitoredImage image) {
        return OperatorAdvice.advice(image, settings);
    }

    public void setRefreshInterval(Duration interval) {
        MonitorSettings.requireInterval(interval);
        settings = settings.withRefreshInterval(interval);
        thread.execute(refreshes::scheduleTicks);
        log.info("Refresh interval set to {}", Durations.format(interval));
    }

    /** @throws IllegalStateException when turning it on under {@code readOnly=true} */
    public void setAutoRemount(boolean on) {
        if (on && settings.readOnly()) {
            throw new IllegalStateException(RefusalMessages.AUTO_REMOUNT_READ_ONLY);
        }
        settings = settings.withAutoRemount(on);
        log.info("Auto-remount turned {}", on ? "on" : "off");
        if (on) {
            thread.execute(autoRemounter::run);
        }
    }

    /** Stops reading; the DISM session belongs to the caller and stays open. */
    @Override
    public void close() {
        thread.close();
    }

    private void afterGoodRead() {
        autoRemounter.run();
    }
}
