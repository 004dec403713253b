package io.github.dismagent.monitor;

import io.github.dismagent.dism.HResult;
import io.github.dismagent.dism.MountStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What an operator is told of remounts, manual and auto: refusals, results, log lines. Written as {@link OperatorMessages} says. */
final class RemountMessages {
    static final String NOTHING_NEEDS_REMOUNT = "No image needs a remount.";

    private RemountMessages() {
    }

    static String nothingToRemount(String path) {
        return path + " is Ok; there is nothing to remount.";
    }

    static String invalidCannotBeRemounted(String path) {
        return "Refused: " + path + " is Invalid and cannot be remounted.\nUnmount it with discard: the unmountDiscard operation "
                + "(with allowUnmount=true), or PowerShell: Dismount-WindowsImage -Path '" + path.replace("'", "''")
                + "' -Discard, or DISM /Unmount-Image /MountDir:\"" + path + "\" /Discard.\nThen run cleanupMountpoints.";
    }

    static String unknownStatus(String path, String status) {
        return "Refused: " + path + " has status " + status + ".\nThis version of dismagent cannot remount it; look at it with "
                + "Get-WindowsImage -Mounted.";
    }

    static String remounted(String path, Duration took, int hresult) {
        return "Remounted " + path + " in " + Durations.human(took) + (hresult != HResult.S_OK ? " (DISM: " + HResult.describe(hresult, "") + ")" : "");
    }

    static String failed(String path, Throwable cause) {
        return "Remount of " + path + " failed.\n" + OperatorMessages.describe(cause);
    }

    /** "; it is now Ok.", or why the new status is not known. */
    static String statusAfterwards(Optional<Snapshot> read, String key) {
        if (read.isEmpty()) {
            return "; the mount table could not be read again afterwards.";
        }
        MonitoredImage image = read.get().byKey().get(key);
        if (image == null) {
            return "; it is no longer mounted.";
        }
        return image.mountStatus() == MountStatus.OK ? "; it is now Ok." : "; DISM still reports it as " + image.mountStatusName() + ".";
    }

    static String stampedResult(Instant at, Trigger trigger, String line) {
        return OperatorMessages.time(at) + " " + trigger.label() + ": " + line.replace("\n", " ");
    }

    /** How a remount the monitor logs itself (auto, or failed) reads in the log. */
    static String logLine(Trigger trigger, String line) {
        return trigger.label() + " remount: " + line;
    }

    static String stillRunning(String shownPath, Duration timeout) {
        return "The remount of " + shownPath + " is still running.\nNo answer from DISM after " + Durations.human(timeout)
                + "; its result will appear in LastRemountResult and in a dismagent.remount notification.";
    }

    static String remountAllStillRunning(String path, Duration timeout) {
        return "The remount of " + path + " is still running after " + Durations.human(timeout) + ".";
    }

    static String remountAllNotAttempted(String path, String busyWith) {
        return path + ": not attempted, DISM is still busy with the remount of " + busyWith + ".";
    }

    static String autoRemountAttempt(String path, int attempt, int maxAttempts) {
        return "Auto-remount of " + path + ": attempt " + attempt + " of " + maxAttempts;
    }

    static String autoRemountGaveUp(String path, int attempts) {
        return "Auto-remount gave up on " + path + " after " + attempts + " attempts; it will try again when the image's status changes. "
                + "Remount it by hand (remount operation) or look at it with Get-WindowsImage -Mounted.";
    }
}
