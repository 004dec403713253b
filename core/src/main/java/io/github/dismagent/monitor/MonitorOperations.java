package io.github.dismagent.monitor;

import io.github.dismagent.LogText;
import io.github.dismagent.dism.MountPath;
import io.github.dismagent.dism.MountStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The monitor's operations as an operator calls them, with text: each waits at most
 * {@code callTimeout} and answers in one line (one per image for {@link #remountAll()}), saying so
 * when DISM is still working. This is the edge where a typed mount path becomes a {@link MountPath};
 * a malformed one is an {@link IllegalArgumentException} and reaches no DISM call.
 */
public final class MonitorOperations {
    private final DismMonitor monitor;

    public MonitorOperations(DismMonitor monitor) {
        this.monitor = monitor;
    }

    /** Reads the mount table now: {@code Read 3 mounted images: 1 Ok, 1 NeedsRemount, 1 Invalid.} */
    public String refresh() {
        Duration timeout = monitor.settings().callTimeout();
        Optional<Snapshot> read = Futures.await(monitor.refresh(), timeout);
        if (read.isEmpty()) {
            return RefreshMessages.stillRunning(timeout);
        }
        Snapshot s = read.get();
        return s.available() ? RefreshMessages.readSummary(s) : RefreshMessages.failed(s);
    }

    /**
     * Remounts one image.
     *
     * @throws IllegalArgumentException when the path is missing, relative, too long or contains NUL
     */
    public String remount(String mountPath) {
        MountPath path = parse(mountPath);
        Duration timeout = monitor.settings().callTimeout();
        return Futures.await(monitor.remount(path, Trigger.MANUAL), timeout)
                .map(RemountOutcome::message)
                .orElse(RemountMessages.stillRunning(LogText.abbreviate(mountPath), timeout));
    }

    /**
     * Unmounts one image with discard (only with {@code allowUnmount=true}).
     *
     * @throws IllegalArgumentException when the path is missing, relative, too long or contains NUL
     */
    public String unmountDiscard(String mountPath) {
        MountPath path = parse(mountPath);
        Duration timeout = monitor.settings().callTimeout();
        return Futures.await(monitor.unmountDiscard(path), timeout)
                .map(UnmountOutcome::message)
                .orElse(UnmountMessages.stillRunning(LogText.abbreviate(mountPath), timeout));
    }

    private static MountPath parse(String mountPath) {
        try {
            return MountPath.of(mountPath);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mountPath: " + e.getMessage(), e);
        }
    }

    /**
     * Remounts every image in NeedsRemount, one after the other. When one does not finish in time,
     * the rest are not started behind it, and their lines say so.
     */
    public String remountAll() {
        List<MonitoredImage> pending = monitor.snapshot().images().stream()
                .filter(i -> i.mountStatus() == MountStatus.NEEDS_REMOUNT && i.mountPath() != null)
                .toList();
        if (pending.isEmpty()) {
            return RemountMessages.NOTHING_NEEDS_REMOUNT;
        }
        Duration timeout = monitor.settings().callTimeout();
        List<String> lines = new ArrayList<>();
        String busyWith = null;
        for (MonitoredImage image : pending) {
            String path = image.mountPath();
            if (busyWith != null) {
                lines.add(RemountMessages.remountAllNotAttempted(path, busyWith));
                continue;
            }
            Optional<String> problem = MountPath.problem(path);
            if (problem.isPresent()) {
                lines.add(RefusalMessages.malformedPath(problem.get()));
                continue;
            }
            Optional<RemountOutcome> outcome = Futures.await(monitor.remount(MountPath.of(path), Trigger.MANUAL), timeout);
            if (outcome.isPresent()) {
                lines.add(outcome.get().message().replace("\n", " "));
            } else {
                lines.add(RemountMessages.remountAllStillRunning(path, timeout));
                busyWith = path;
            }
        }
        return String.join("\n", lines);
    }

    /** Cleans up the mount points of Invalid images (only with {@code allowCleanup=true}). */
    public String cleanupMountpoints() {
        Duration timeout = monitor.settings().callTimeout();
        return Futures.await(monitor.cleanupMountpoints(), timeout).orElse(CleanupMessages.stillRunning(timeout));
    }
}
