package io.github.dismagent.dism;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DISM's HRESULTs: their symbolic names, DISM's own texts, and which failures pass by themselves.
 * Names and texts of the {@code DISMAPI_*} codes are those of {@code dismapi.h} and DismApi.dll's
 * message table.
 */
public final class HResult {
    public static final int S_OK = 0;
    public static final int DISMAPI_S_RELOAD_IMAGE_SESSION_REQUIRED = 0x00000001;
    public static final int ERROR_SUCCESS_REBOOT_REQUIRED = 3010;
    public static final int DISMAPI_E_DISMAPI_NOT_INITIALIZED = 0xC0040001;
    public static final int DISMAPI_E_SHUTDOWN_IN_PROGRESS = 0xC0040002;
    public static final int DISMAPI_E_OPEN_SESSION_HANDLES = 0xC0040003;
    public static final int DISMAPI_E_INVALID_DISM_SESSION = 0xC0040004;
    public static final int DISMAPI_E_INVALID_IMAGE_INDEX = 0xC0040005;
    public static final int DISMAPI_E_INVALID_IMAGE_NAME = 0xC0040006;
    public static final int DISMAPI_E_UNABLE_TO_UNMOUNT_IMAGE_PATH = 0xC0040007;
    public static final int DISMAPI_E_LOGGING_DISABLED = 0xC0040009;
    public static final int DISMAPI_E_OPEN_HANDLES_UNABLE_TO_UNMOUNT_IMAGE_PATH = 0xC004000A;
    public static final int DISMAPI_E_OPEN_HANDLES_UNABLE_TO_MOUNT_IMAGE_PATH = 0xC004000B;
    public static final int DISMAPI_E_OPEN_HANDLES_UNABLE_TO_REMOUNT_IMAGE_PATH = 0xC004000C;
    public static final int DISMAPI_E_PARENT_FEATURE_DISABLED = 0xC004000D;
    public static final int DISMAPI_E_MUST_SPECIFY_ONLINE_IMAGE = 0xC004000E;
    public static final int DISMAPI_E_INVALID_PRODUCT_KEY = 0xC004000F;
    public static final int DISMAPI_E_NEEDS_REMOUNT = 0xC1510114;
    public static final int DISMAPI_E_UNKNOWN_FEATURE = 0x800F080C;
    public static final int DISMAPI_E_BUSY = 0x800F0902;
    public static final int ERROR_ELEVATION_REQUIRED = 0x800702E4;
    /**
     * What a second {@code DismInitialize} returns. {@code dismapi.h} names it
     * DISMAPI_E_DISMAPI_ALREADY_INITIALIZED without a value; Windows' ERROR_ALREADY_INITIALIZED is
     * the emulator's choice.
     */
    public static final int ERROR_ALREADY_INITIALIZED = 0x800704DF;
    public static final int E_INVALIDARG = 0x80070057;
    public static final int E_FAIL = 0x80004005;
    public static final int E_ACCESSDENIED = 0x80070005;
    public static final int E_OUTOFMEMORY = 0x8007000E;
    public static final int E_UNEXPECTED = 0x8000FFFF;
    public static final int WIM_FILES_STILL_OPEN = 0xC1420117;
    public static final int WIM_ALREADY_MOUNTED_READ_WRITE = 0xC1420127;
    /** A WIMGAPI failure operators meet at unmount; Microsoft does not document its text. */
    public static final int WIM_UNMOUNT_FAILED = 0xC142010C;
    public static final int DISM_NO_PERMISSION_TO_MOUNT = 0xC1510111;

    private record Known(String name, String text) {
    }

    private static final Map<Integer, Known> KNOWN = Map.ofEntries(
            known(S_OK, "S_OK", "The operation completed successfully."),
            known(DISMAPI_S_RELOAD_IMAGE_SESSION_REQUIRED, "DISMAPI_S_RELOAD_IMAGE_SESSION_REQUIRED", "The DISM session needs to be reloaded."),
            known(ERROR_SUCCESS_REBOOT_REQUIRED, "ERROR_SUCCESS_REBOOT_REQUIRED", "The operation succeeded; the computer must be restarted."),
            known(DISMAPI_E_DISMAPI_NOT_INITIALIZED, "DISMAPI_E_DISMAPI_NOT_INITIALIZED", "DISM API was not initialized for this process."),
            known(DISMAPI_E_SHUTDOWN_IN_PROGRESS, "DISMAPI_E_SHUTDOWN_IN_PROGRESS", "A DismSession was being shutdown when another operation was called on it."),
            known(DISMAPI_E_OPEN_SESSION_HANDLES, "DISMAPI_E_OPEN_SESSION_HANDLES", "A DismShutdown was called while there were open DismSession handles."),
            known(DISMAPI_E_INVALID_DISM_SESSION, "DISMAPI_E_INVALID_DISM_SESSION", "An invalid DismSession handle was passed into a DISMAPI function."),
            known(DISMAPI_E_INVALID_IMAGE_INDEX, "DISMAPI_E_INVALID_IMAGE_INDEX", "An invalid image index was specified."),
            known(DISMAPI_E_INVALID_IMAGE_NAME, "DISMAPI_E_INVALID_IMAGE_NAME", "An invalid image name was specified."),
            known(DISMAPI_E_UNABLE_TO_UNMOUNT_IMAGE_PATH, "DISMAPI_E_UNABLE_TO_UNMOUNT_IMAGE_PATH", "An image that is not a mounted WIM or mounted VHD was attempted to be unmounted."),
            known(DISMAPI_E_LOGGING_DISABLED, "DISMAPI_E_LOGGING_DISABLED", "Failed to gain access to the log file user specified. Logging has been disabled."),
            known(DISMAPI_E_OPEN_HANDLES_UNABLE_TO_UNMOUNT_IMAGE_PATH, "DISMAPI_E_OPEN_HANDLES_UNABLE_TO_UNMOUNT_IMAGE_PATH", "A DismSession with open handles was attempted to be unmounted."),
            known(DISMAPI_E_OPEN_HANDLES_UNABLE_TO_MOUNT_IMAGE_PATH, "DISMAPI_E_OPEN_HANDLES_UNABLE_TO_MOUNT_IMAGE_PATH", "A DismSession with open handles was attempted to be mounted."),
            known(DISMAPI_E_OPEN_HANDLES_UNABLE_TO_REMOUNT_IMAGE_PATH, "DISMAPI_E_OPEN_HANDLES_UNABLE_TO_REMOUNT_IMAGE_PATH", "A DismSession with open handles was attempted to be remounted."),
            known(DISMAPI_E_PARENT_FEATURE_DISABLED, "DISMAPI_E_PARENT_FEATURE_DISABLED", "The feature cannot be enabled because its parent feature is disabled."),
            known(DISMAPI_E_MUST_SPECIFY_ONLINE_IMAGE, "DISMAPI_E_MUST_SPECIFY_ONLINE_IMAGE", "The operation is supported only on the running (online) image."),
            known(DISMAPI_E_INVALID_PRODUCT_KEY, "DISMAPI_E_INVALID_PRODUCT_KEY", "The product key is not valid."),
            known(DISMAPI_E_UNKNOWN_FEATURE, "DISMAPI_E_UNKNOWN_FEATURE", "The feature name is not recognized."),
            known(DISMAPI_E_NEEDS_REMOUNT, "DISMAPI_E_NEEDS_REMOUNT", "The image needs to be remounted before any servicing operation."),
            known(DISMAPI_E_BUSY, "DISMAPI_E_BUSY", "The current package and feature servicing infrastructure is busy. Wait a bit and try the operation again."),
            known(ERROR_ELEVATION_REQUIRED, "ERROR_ELEVATION_REQUIRED", "The requested operation requires elevation."),
            known(ERROR_ALREADY_INITIALIZED, "ERROR_ALREADY_INITIALIZED", "An attempt was made to perform an initialization operation when initialization has already been completed."),
            known(E_INVALIDARG, "E_INVALIDARG", "The parameter is incorrect."),
            known(E_FAIL, "E_FAIL", "Unspecified error."),
            known(E_ACCESSDENIED, "E_ACCESSDENIED", "Access is denied."),
            known(E_OUTOFMEMORY, "E_OUTOFMEMORY", "Not enough memory resources are available to complete this operation."),
            known(E_UNEXPECTED, "E_UNEXPECTED", "Catastrophic failure."),
            known(WIM_FILES_STILL_OPEN, "WIM_FILES_STILL_OPEN", "The directory could not be completely unmounted: applications still have files open within the mount directory."),
            known(WIM_ALREADY_MOUNTED_READ_WRITE, "WIM_ALREADY_MOUNTED_READ_WRITE", "The specified image in the specified wim is already mounted for read/write access."),
            known(WIM_UNMOUNT_FAILED, "WIM_UNMOUNT_FAILED", "The image could not be unmounted (a WIMGAPI failure; the DISM log names the cause). "
                    + "Close what uses the mount folder, then unmount with /Discard and run DISM /Cleanup-Mountpoints."),
            known(DISM_NO_PERMISSION_TO_MOUNT, "DISM_NO_PERMISSION_TO_MOUNT", "You do not have permissions to mount and modify this image: "
                    + "check read/write access to the image file, or mount it read-only."));

    private static Map.Entry<Integer, Known> known(int hresult, String name, String text) {
        return Map.entry(hresult, new Known(name, text));
    }

    private HResult() {
    }

    /** Every failure code dismagent knows by name (those of {@code dismapi.h}, and the Windows ones DISM returns), in ascending order. */
    public static List<Integer> documentedFailures() {
        return KNOWN.keySet().stream().filter(code -> !succeeded(code)).sorted(Integer::compareUnsigned).toList();
    }

    /** Whether the HRESULT means success ({@code SUCCEEDED}): 0, and also 1 and 3010. */
    public static boolean succeeded(int hresult) {
        return hresult >= 0;
    }

    /** {@code 0xC1510114}: eight upper-case hex digits. */
    public static String hex(int hresult) {
        return String.format(Locale.ROOT, "0x%08X", hresult);
    }

    /**
     * The symbolic name: {@code DISMAPI_E_NEEDS_REMOUNT}, {@code HRESULT_FROM_WIN32(1234)} for an
     * unnamed Windows error, {@code UNKNOWN} otherwise.
     */
    public static String name(int hresult) {
        Known known = KNOWN.get(hresult);
        if (known != null) {
            return known.name();
        }
        if ((hresult & 0xFFFF0000) == 0x80070000) {
            return "HRESULT_FROM_WIN32(" + (hresult & 0xFFFF) + ")";
        }
        return "UNKNOWN";
    }

    /** DISM's or Windows' text for the code, or empty when dismagent knows none. */
    public static String text(int hresult) {
        Known known = KNOWN.get(hresult);
        return known == null ? "" : known.text();
    }

    /** The one-line form of {@code LastError} (docs/reference.md, "DismImages attributes"): {@code 0xXXXXXXXX NAME: message}. */
    public static String describe(int hresult, String message) {
        String text = message == null || message.isBlank() ? text(hresult) : message;
        return hex(hresult) + " " + name(hresult) + (text.isEmpty() ? "" : ": " + text);
    }

    /**
     * Whether a failure usually passes by itself, so that the same call is worth retrying soon:
     * DISM is busy or shutting down, or files or handles are still open in the mount.
     */
    public static boolean isTransient(int hresult) {
        return hresult == DISMAPI_E_BUSY
                || hresult == DISMAPI_E_SHUTDOWN_IN_PROGRESS
                || hresult == DISMAPI_E_DISMAPI_NOT_INITIALIZED
                || hresult == DISMAPI_E_OPEN_HANDLES_UNABLE_TO_UNMOUNT_IMAGE_PATH
                || hresult == DISMAPI_E_OPEN_HANDLES_UNABLE_TO_MOUNT_IMAGE_PATH
                || hresult == DISMAPI_E_OPEN_HANDLES_UNABLE_TO_REMOUNT_IMAGE_PATH
                || hresult == WIM_FILES_STILL_OPEN;
    }
}
