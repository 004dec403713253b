package io.github.dismagent.monitor;

import io.github.dismagent.dism.DismException;
import io.github.dismagent.dism.DismUnavailableException;
import io.github.dismagent.dism.HResult;

/**
 * What an operator should do, for the views that show it (the {@code Advice} attribute of each
 * image's MBean, the status page) and for the log lines of a failing DISM. Written as
 * {@link OperatorMessages} says.
 */
public final class OperatorAdvice {
    /** Microsoft's guidance: no more than this many images mounted on one machine. */
    public static final int MOUNT_LIMIT = 20;

    private OperatorAdvice() {
    }

    /**
     * What to do about this image's status, with its path filled in: the JMX operations where these
     * settings allow them, else the DISM.exe and PowerShell commands; "" for an Ok image.
     */
    public static String advice(MonitoredImage image, MonitorSettings settings) {
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

    /**
     * What to do while DISM is unavailable, for views that show the snapshot's {@code lastError}
     * ({@code 0xXXXXXXXX NAME: message}, docs/reference.md): the same advice the log line gives; ""
     * when DISM is available or the error carries no HRESULT (its text then says what to do).
     */
    public static String whenUnavailable(Snapshot snapshot) {
        String error = snapshot.lastError();
        if (snapshot.available() || error == null || !error.startsWith("0x") || error.length() < 10) {
            return "";
        }
        try {
            return adviceFor(Integer.parseUnsignedInt(error.substring(2, 10), 16));
        } catch (NumberFormatException e) {
            return "";
        }
    }

    /** Whether more images are mounted than Microsoft advises ({@value #MOUNT_LIMIT}). */
    public static boolean overMountLimit(Snapshot snapshot) {
        return snapshot.mountedCount() > MOUNT_LIMIT;
    }

    /** The warning when more than {@value #MOUNT_LIMIT} images are mounted; "" otherwise. */
    public static String mountLimitWarning(Snapshot snapshot) {
        return overMountLimit(snapshot) ? tooManyMounted(snapshot.mountedCount(), MOUNT_LIMIT) : "";
    }

    private static String tooManyMounted(int mounted, int limit) {
        return mounted + " images are mounted; Microsoft advises at most " + limit
                + " on one machine (DISM slows down and mounts fail beyond it). Unmount the images no longer in use.";
    }

    /** What to do after this failure of a DISM call; "" when its message says so already. */
    static String adviceFor(Throwable cause) {
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
}
