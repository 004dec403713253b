package io.github.dismagent.dism;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary.StdCallCallback;

/**
 * The functions of {@code DismApi.dll} that dismagent calls, mapped as {@code dismapi.h} declares
 * them. Every function returns an HRESULT. Strings are passed as pointers to UTF-16LE memory (see
 * {@link Utf16}) because JNA's {@code WString} follows the platform's {@code wchar_t}, which is
 * 4 bytes outside Windows. On 32-bit Windows the functions are {@code WINAPI} (stdcall); the
 * loader sets that calling convention.
 *
 * <p>Only {@link DismSession}'s DISM thread calls these: DISM keeps its last-error message per
 * thread and nothing documents the API as thread-safe.
 */
interface DismApiLibrary extends Library {

    /** The exports that a usable DISM library must have. */
    String[] FUNCTIONS = {
        "DismInitialize", "DismShutdown", "DismGetMountedImageInfo", "DismRemountImage",
        "DismCleanupMountpoints", "DismGetLastErrorMessage", "DismDelete", "DismUnmountImage",
    };

    /** {@code #define DISM_DISCARD_IMAGE 0x00000001}: unmount and throw away the changes made in the mount. */
    int DISM_DISCARD_IMAGE = 0x00000001;

    /** {@code typedef void (CALLBACK *DISM_PROGRESS_CALLBACK)(UINT Current, UINT Total, PVOID UserData);} */
    interface ProgressCallback extends Callback {
        void invoke(int current, int total, Pointer userData);
    }

    /**
     * The same callback where {@code CALLBACK} is stdcall: 32-bit Windows. Elsewhere there is one
     * convention, and JNA refuses the stdcall marker outside Windows, so the binding picks this type
     * exactly when the loader picks stdcall for the functions ({@link DismLibraryLoader}).
     */
    interface StdCallProgressCallback extends ProgressCallback, StdCallCallback {
    }

    /** {@code HRESULT WINAPI DismInitialize(DismLogLevel LogLevel, PCWSTR LogFilePath, PCWSTR ScratchDirectory);} */
    int DismInitialize(int logLevel, Pointer logFilePath, Pointer scratchDirectory);

    /** {@code HRESULT WINAPI DismShutdown();} */
    int DismShutdown();

    /** {@code HRESULT WINAPI DismGetMountedImageInfo(DismMountedImageInfo** MountedImageInfo, UINT* Count);} */
    int DismGetMountedImageInfo(PointerByReference mountedImageInfo, IntByReference count);

    /** {@code HRESULT WINAPI DismRemountImage(PCWSTR MountPath);} */
    int DismRemountImage(Pointer mountPath);

    /** {@code HRESULT WINAPI DismCleanupMountpoints();} (lower-case p, as exported) */
    int DismCleanupMountpoints();

    /** {@code HRESULT WINAPI DismGetLastErrorMessage(DismString** ErrorMessage);} */
    int DismGetLastErrorMessage(PointerByReference errorMessage);

    /** {@code HRESULT WINAPI DismDelete(VOID* DismStructure);} */
    int DismDelete(Pointer dismStructure);

    /**
     * {@code HRESULT WINAPI DismUnmountImage(PCWSTR MountPath, DWORD Flags, HANDLE CancelEvent,
     * DISM_PROGRESS_CALLBACK Progress, PVOID UserData);}
     */
    int DismUnmountImage(Pointer mountPath, int flags, Pointer cancelEvent, ProgressCallback progress, Pointer userData);
}
