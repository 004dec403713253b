package io.github.dismagent.monitor;

import io.github.dismagent.LogText;
import io.github.dismagent.dism.DismException;
import io.github.dismagent.dism.HResult;
import java.time.Duration;
import java.util.Optional;

/** What an operator is told of unmounts with discard: refusal, results and what to fix, log line. Written as {@link OperatorMessages} says. */
final class UnmountMessages {
    static final String DISABLED = "Refused: unmountDiscard is disabled.\n"
            + "It throws away every change made in the mount; start dismagent with allowUnmount=true to enable it.";

    private UnmountMessages() {
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

    static String failed(String path, Throwable cause) {
        String first = "Unmount of " + path + " failed.";
        String detail = OperatorMessages.describe(cause);
        String fix = cause instanceof DismException e ? fix(e.hresult()) : "";
        return first + "\n" + detail + (fix.isEmpty() ? "" : "\n" + fix) + "\nThe image stays mounted; try again once that is fixed.";
    }

    private static String fix(int hresult) {
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
    static String logLine(String message) {
        return "unmount: " + LogText.oneLine(message);
    }

    static String stillRunning(String shownPath, Duration timeout) {
        return "The unmount of " + shownPath + " is still running.\nNo answer from DISM after " + Durations.human(timeout)
                + "; its progress is in the image's Operation attribute, its result will come in a dismagent.unmount notification.";
    }
}
