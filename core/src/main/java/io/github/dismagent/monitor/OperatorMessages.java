package io.github.dismagent.monitor;

import io.github.dismagent.LogText;
import io.github.dismagent.dism.DismException;
import io.github.dismagent.dism.DismUnavailableException;
import io.github.dismagent.dism.HResult;
import io.github.dismagent.dism.MountStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every sentence the monitor says to an operator: refusals, results, "still running" answers and
 * the advice in its log lines. Kept together so that the wording stays consistent and can be
 * reviewed in one read.
 *
 * <p>An operation's result or refusal starts with a short line that says the outcome, and puts the
 * explanation and the next step on the lines after it: JConsole shows a result in a one-line box
 * with a horizontal scroll bar, so the first line is all an operator sees at once (a multi-line
 * result opens in a box of its own). Times are {@link #time}: ISO 8601 in UTC, to the second.
 */
final class OperatorMessages {
    private OperatorMessages() {
    }

    // ---- refusals -------------------------------------------------------------------------

    static final String READ_ONLY = "Refused: dismagent runs with readOnly=true.\nreadOnly=true forbids every operation that changes a mount.";
    static final String AUTO_REMOUNT_READ_ONLY = "auto-remount changes mounts, which readOnly=true forbids";
    static final String CLEANUP_DISABLED =
            "Refused: cleanupMountpoints is disabled.\nStart dismagent with allowCleanup=true to enable it.";

    static final String UNMOUNT_DISABLED = "Refused: unmountDiscard is disabled.\n"
            + "It throws away every change made in the mount; start dismagent with allowUnmount=true to enable it.";

    static String malformedPath(String problem) {
        return "Refused: " + problem + ".";
    }

    static String notMounted(String shownPath, Snapshot snapshot) {
        return "Refused: " + shownPath + " is not mounted.\nAs of the last read of the mount table. " + mountedList(snapshot);
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

    // ---- advice, where a status is shown -------------------------------------------------------

    /** See {@link OperatorAdvice#advice}. */
    static String advice(MonitoredImage image, MonitorSettings settings) {
        String path = image.displayPath();
        boolean changesAllowed = !settings.readOnly();
        return switch (image.mountStatus()) {
            case OK -> "";
            case NEEDS_REMOUNT -> changesAllowed
                    ? "Remount it: the remount operation (JMX), or DISM /Remount-Image /MountDir:\"" + path + "\"."
                    : "Remount it: DISM /Remount-Image /MountDir:\"" + path + "\" (dismagent runs with readOnly=true).";
            case INVALID -> changesAllowed && settings.allowUnmount()
                    ? "Unmount it with discard: the unmountDiscard operation (JMX), then "
                            + (settings.allowCleanup() ? "cleanupMountpoints (JMX)." : "DISM /Cleanup-Mountpoints.")
                    : "Unmount it with discard, then clean up: " + unmountCommands(path);
            case UNKNOWN -> "Status " + image.mountStatusName() + " is unknown to this version of dismagent; look at it with Get-WindowsImage -Mounted.";
        };
    }

    /** The DISM.exe and PowerShell commands that unmount with discard and clean up. */
    private static String unmountCommands(String path) {
        return "DISM /Unmount-Image /MountDir:\"" + path + "\" /Discard, then DISM /Cleanup-Mountpoints (PowerShell: Dismount-WindowsImage -Path '"
                + path.replace("'", "''") + "' -Discard, then Clear-WindowsCorruptMountPoint).";
    }

    static String tooManyMounted(int mounted, int limit) {
        return mounted + " images are mounted; Microsoft advises at most " + limit
                + " on one machine (DISM slows down and mounts fail beyond it). Unmount the images no longer in use.";
    }

    // ---- results --------------------------------------------------------------------------

    static String remounted(String path, Duration took, int hresult) {
        return "Remounted " + path + " in " + Durations.human(took) + (hresult != HResult.S_OK ? " (DISM: " + HResult.describe(hresult, "") + ")" : "");
    }

    static String remountFailed(String path, Throwable cause) {
        return "Remount of " + path + " failed.\n" + describe(cause);
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

    static String stampedRemountResult(Instant at, Trigger trigger, String line) {
        return time(at) + " " + trigger.label() + ": " + line.replace("\n", " ");
    }

    /** A short first line (the outcome), then what the mount table says now and what to do next. */
    static String unmounted(String path, Duration took, int hresult, Optional<Snapshot> after, String key, MonitorSettings settings) {
        String first = "Unmounted " + path + " with discard in " + Durations.human(took)
                + (hresult != HResult.S_OK ? " (DISM: " + HResult.describe(hresult, "") + ")" : "") + ".";
        if (after.isEmpty()) {
            return first + "\nThe mount table could not be read again afterwards; see MountedImages after the next refresh.";
        }
        MonitoredImage still = after.get().byKey().get(key);
        if (still == null) {
            return first + "\nDISM no longer lists it.";
        }
        return first + "\nDISM still lists it, as " + still.mountStatusName() + ": run "
                + (settings.allowCleanup() && !settings.readOnly() ? "cleanupMountpoints" : "DISM /Cleanup-Mountpoints") + " to remove it.";
    }

    static String unmountFailed(String path, Throwable cause) {
        String first = "Unmount of " + path + " failed.";
        String detail = describe(cause);
        String fix = cause instanceof DismException e ? unmountFix(e.hresult()) : "";
        return first + "\n" + detail + (fix.isEmpty() ? "" : "\n" + fix) + "\nThe image stays mounted; try again once that is fixed.";
    }

    private static String unmountFix(int hresult) {
        return switch (hresult) {
            case HResult.WIM_FILES_STILL_OPEN -> "Files in the mount are still open: close Explorer windows and command prompts in it, "
                    + "and pause antivirus scanning of it.";
            case HResult.DISMAPI_E_OPEN_HANDLES_UNABLE_TO_UNMOUNT_IMAGE_PATH -> "A process still holds handles open in the mount: close "
                    + "the programs using files in it (Resource Monitor, CPU tab, Associated Handles, search the path).";
            case HResult.ERROR_ELEVATION_REQUIRED -> "DISM needs an elevated process: run the server under an administrator account.";
            default -> "";
        };
    }

    /** How an unmount's result reads in the log: on one line. */
    static String unmountLogLine(String message) {
        return "unmount: " + LogText.oneLine(message);
    }

    static String unmountStillRunning(String shownPath, Duration timeout) {
        return "The unmount of " + shownPath + " is still running.\nNo answer from DISM after " + Durations.human(timeout)
                + "; its progress is in the image's Operation attribute, its result will come in a dismagent.unmount notification.";
    }

    static String cleanupFailed(Throwable cause) {
        return "Cleanup failed.\n" + describe(cause);
    }

    static String cleanedUp(Duration took, int before, Optional<Snapshot> after) {
        return "Cleaned up mount points in " + Durations.human(took) + ": " + before + " images mounted before, "
                + after.map(r -> r.mountedCount() + " now.").orElse("and the mount table could not be read again afterwards.");
    }

    static String readSummary(Snapshot s) {
        return "Read " + s.mountedCount() + " mounted image" + (s.mountedCount() == 1 ? "" : "s") + ": " + s.count(MountStatus.OK) + " Ok, "
                + s.count(MountStatus.NEEDS_REMOUNT) + " NeedsRemount, " + s.count(MountStatus.INVALID) + " Invalid.";
    }

    static String refreshFailed(Snapshot s) {
        return "Refresh failed.\n" + s.lastError() + "\nThe images shown are those read at " + lastRead(s) + ".";
    }

    // ---- answers after callTimeout ----------------------------------------------------------

    static String refreshStillRunning(Duration timeout) {
        return "The refresh is still running.\nDISM has not answered after " + Durations.human(timeout) + " (see LastError).";
    }

    static String remountStillRunning(String shownPath, Duration timeout) {
        return "The remount of " + shownPath + " is still running.\nNo answer from DISM after " + Durations.human(timeout)
                + "; its result will appear in LastRemountResult and in a dismagent.remount notification.";
    }

    static String remountAllStillRunning(String path, Duration timeout) {
        return "The remount of " + path + " is still running after " + Durations.human(timeout) + ".";
    }

    static String remountAllNotAttempted(String path, String busyWith) {
        return path + ": not attempted, DISM is still busy with the remount of " + busyWith + ".";
    }

    static final String NOTHING_NEEDS_REMOUNT = "No image needs a remount.";

    static String cleanupStillRunning(Duration timeout) {
        return "The cleanup is still running.\nNo answer from DISM after " + Durations.human(timeout) + "; its result will be logged.";
    }

    // ---- the refresh, in the log ------------------------------------------------------------

    static String refreshHung(Duration since, Snapshot last) {
        return "DismGetMountedImageInfo has not returned after " + Durations.human(since) + "; the images shown are those read at " + lastRead(last);
    }

    static String answersAgain(Snapshot s) {
        return "DISM answers again: " + s.mountedCount() + " mounted images (" + s.count(MountStatus.OK) + " Ok, " + s.count(MountStatus.NEEDS_REMOUNT)
                + " NeedsRemount, " + s.count(MountStatus.INVALID) + " Invalid)";
    }

    /** The problem a failed read reports in LastError. */
    static String readProblem(Throwable cause) {
        return cause instanceof DismException || cause instanceof DismUnavailableException ? cause.getMessage()
                : "reading the mount table failed: " + cause;
    }

    /** A failed read: the problem and what to do about it, as one line of sentences. */
    static String unavailable(String problem, Throwable cause) {
        String advice = adviceFor(cause);
        String sentence = problem.endsWith(".") ? problem : problem + ".";
        return "DISM is unavailable: " + (advice.isEmpty() ? sentence : sentence + " " + advice);
    }

    static String notAnswering(String problem) {
        return "DISM is not answering: " + problem + ". Nothing more is queued behind it.";
    }

    static String autoRemountAttempt(String path, int attempt, int maxAttempts) {
        return "Auto-remount of " + path + ": attempt " + attempt + " of " + maxAttempts;
    }

    /** How a remount the monitor logs itself (auto, or failed) reads in the log. */
    static String remountLogLine(Trigger trigger, String line) {
        return trigger.label() + " remount: " + line;
    }

    static String autoRemountGaveUp(String path, int attempts) {
        return "Auto-remount gave up on " + path + " after " + attempts + " attempts; it will try again when the image's status changes. "
                + "Remount it by hand (remount operation) or look at it with Get-WindowsImage -Mounted.";
    }

    private static String adviceFor(Throwable cause) {
        if (cause instanceof DismUnavailableException) {
            return ""; // its message already says what to do
        }
        if (cause instanceof DismException e) {
            return adviceFor(e.hresult());
        }
        return "dismagent keeps trying every refresh interval.";
    }

    /** What to do while a DISM call fails with this HRESULT. */
    static String adviceFor(int hresult) {
        return switch (hresult) {
            case HResult.ERROR_ELEVATION_REQUIRED -> "DISM needs an elevated process: run the server (or its Windows service) "
                    + "under an administrator account. dismagent keeps trying every refresh interval.";
            case HResult.E_ACCESSDENIED -> "The server's account may not use DISM: run it under an administrator account.";
            case HResult.DISMAPI_E_BUSY, HResult.DISMAPI_E_SHUTDOWN_IN_PROGRESS ->
                    "DISM is busy with other work; dismagent retries shortly.";
            default -> HResult.isTransient(hresult) ? "dismagent retries shortly." : "dismagent keeps trying every refresh interval.";
        };
    }

    private static String describe(Throwable cause) {
        if (cause instanceof DismException dismFailure) {
            return dismFailure.describe();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    private static String lastRead(Snapshot s) {
        return s.lastRefresh().map(OperatorMessages::time).orElse("(never)");
    }

    /** The one format of times in results and attributes: {@code 2026-11-30T01:21:02Z}. */
    static String time(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
