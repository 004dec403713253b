package io.github.dismagent.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Why an operation that changes mounts was refused, in the refusals every such operation can get:
 * read-only, a malformed or unknown path, the image (or the machine) already busy, DISM stuck in another
 * call. The refusals of one operation only are beside its results ({@link RemountMessages} ...).
 * Written as {@link OperatorMessages} says.
 */
final class RefusalMessages {
    static final String READ_ONLY = "Refused: dismagent runs with readOnly=true.\nreadOnly=true forbids every operation that changes a mount.";
    static final String AUTO_REMOUNT_READ_ONLY = "auto-remount changes mounts, which readOnly=true forbids";

    private RefusalMessages() {
    }

    static String malformedPath(String problem) {
        return "Refused: " + problem + ".";
    }

    static String notMounted(String shownPath, Snapshot snapshot) {
        return "Refused: " + shownPath + " is not mounted.\nAs of the last read of the mount table. " + mountedList(snapshot);
    }

    /** A mount-changing operation on this image (or, with no path, a cleanup) is already running. */
    static String alreadyRunning(MountOperations.Running running, Instant now) {
        String ago = Durations.human(Duration.between(running.started(), now)) + " ago";
        String article = running.name().startsWith("u") ? "an " : "a ";
        return running.path().isEmpty()
                ? "Refused: " + article + running.name() + " is already in progress.\nIt started " + ago + "; try again when it has finished."
                : "Refused: " + article + running.name() + " of " + running.path() + " is already in progress.\nIt started " + ago + " ("
                        + running.trigger().label() + "); one operation at a time runs on an image. Try again when it has finished.";
    }

    static String dismStuck(String function, Duration since) {
        return "DISM has not returned from " + function + " for " + Durations.human(since);
    }

    /** @param what e.g. {@code the remount of C:\Mount\win11} */
    static String notQueued(String stuck, String what) {
        return "Refused: DISM is busy.\n" + stuck + "; " + what + " was not queued behind it. Try again once DISM answers.";
    }

    private static String mountedList(Snapshot snapshot) {
        List<String> paths = snapshot.images().stream().map(MonitoredImage::displayPath).toList();
        if (paths.isEmpty()) {
            return "No image is mounted.";
        }
        List<String> shown = paths.size() <= 5 ? paths : paths.subList(0, 5);
        return "Mounted: " + String.join(", ", shown) + (paths.size() > 5 ? " and " + (paths.size() - 5) + " more." : ".");
    }
}
