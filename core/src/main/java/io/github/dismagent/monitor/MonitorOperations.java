package io.github.dismagent.monitor;

import io.github.dismagent.dism.MountStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The monitor's operations as an operator calls them: each waits at most {@code callTimeout} and
 * answers in one line (one per image for {@link #remountAll()}), saying so when DISM is still
 * working. A malformed argument is an {@link IllegalArgumentException} and reaches no DISM call.
 */
public final class MonitorOperations {
    private final DismMonitor monitor;

    public MonitorOperations(DismMonitor monitor) {
        this.monitor = monitor;
    }

    /** Reads the mount table now: {@code Read 3 mounted images: 1 Ok, 1 NeedsRemount, 1 Invalid.} */
    public String refresh() {
        Duration timeout = monitor.settings().callTimeout();
        Optional<Snapshot> read = DismMonitor.await(monitor.refresh(), timeout);
        if (read.isEmpty()) {
            return "The refresh is still running after " + Durations.human(timeout) + "; DISM has not answered yet (see LastError).";
        }
        Snapshot s = read.get();
        if (!s.available()) {
            return "Refresh failed: " + s.lastError() + " The images shown are those read at "
                    + s.lastRefresh().map(Instant::toString).orElse("(never)") + ".";
        }
        return "Read " + s.mountedCount() + " mounted image" + (s.mountedCount() == 1 ? "" : "s") + ": " + s.count(MountStatus.OK) + " Ok, "
                + s.count(MountStatus.NEEDS_REMOUNT) + " NeedsRemount, " + s.count(MountStatus.INVALID) + " Invalid.";
    }

    /**
     * Remounts one image.
     *
     * @throws IllegalArgumentException when the path is missing, relative, too long or contains NUL
     */
    public String remount(String mountPath) {
        MountPaths.problem(mountPath).ifPresent(problem -> {
            throw new IllegalArgumentException("mountPath: " + problem);
        });
        Duration timeout = monitor.settings().callTimeout();
        return DismMonitor.await(monitor.remount(mountPath, Trigger.MANUAL), timeout)
                .map(RemountOutcome::message)
                .orElse("The remount of " + MountPaths.abbreviate(mountPath) + " is still running after " + Durations.human(timeout)
                        + "; its result will appear in LastRemountResult and in a dismagent.remount notification.");
    }

    /**
     * Remounts every image in NeedsRemount, one after the other. When one does not finish in time,
     * the rest are not started behind it, and their lines say so.
     */
    public String remountAll() {
        List<ImageState> pending = monitor.snapshot().images().stream()
                .filter(i -> i.image().mountStatus() == MountStatus.NEEDS_REMOUNT && i.image().mountPath() != null)
                .toList();
        if (pending.isEmpty()) {
            return "No image needs a remount.";
        }
        Duration timeout = monitor.settings().callTimeout();
        List<String> lines = new ArrayList<>();
        String stuck = null;
        for (ImageState image : pending) {
            String path = image.image().mountPath();
            if (stuck != null) {
                lines.add(path + ": not attempted, " + stuck + ".");
                continue;
            }
            Optional<RemountOutcome> outcome = DismMonitor.await(monitor.remount(path, Trigger.MANUAL), timeout);
            if (outcome.isPresent()) {
                lines.add(outcome.get().message());
            } else {
                lines.add("The remount of " + path + " is still running after " + Durations.human(timeout) + ".");
                stuck = "DISM is still busy with the remount of " + path;
            }
        }
        return String.join("\n", lines);
    }

    /** Cleans up the mount points of Invalid images (only with {@code allowCleanup=true}). */
    public String cleanupMountpoints() {
        Duration timeout = monitor.settings().callTimeout();
        return DismMonitor.await(monitor.cleanupMountpoints(), timeout)
                .orElse("The cleanup is still running after " + Durations.human(timeout) + "; its result will be logged.");
    }
}
