package io.github.dismagent.dism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The initialisation rules of DismAPI, through the JNA mapping itself. */
class RawDismApiTest {
    @RegisterExtension
    final EmulatorFixture emulator = new EmulatorFixture();

    @Test
    void callsBeforeInitialiseFailWithNotInitialized() throws Exception {
        DismApiLibrary api = RawDism.api();
        PointerByReference array = new PointerByReference();
        IntByReference count = new IntByReference(5);

        assertEquals(HResult.DISMAPI_E_DISMAPI_NOT_INITIALIZED, api.DismGetMountedImageInfo(array, count));
        assertNull(array.getValue());
        assertEquals(0, count.getValue());
        assertEquals(HResult.DISMAPI_E_DISMAPI_NOT_INITIALIZED, api.DismRemountImage(Utf16.toNative("C:\\Mount\\a")));
        assertEquals(HResult.DISMAPI_E_DISMAPI_NOT_INITIALIZED, api.DismCleanupMountpoints());
        assertEquals(HResult.DISMAPI_E_DISMAPI_NOT_INITIALIZED, api.DismShutdown());
    }

    @Test
    void aSecondInitialiseFailsAndInitialisingAgainAfterShutdownWorks() throws Exception {
        DismApiLibrary api = RawDism.api();

        assertEquals(HResult.S_OK, api.DismInitialize(DismLogLevel.WARNINGS.code(), null, null));
        assertEquals(HResult.ERROR_ALREADY_INITIALIZED, api.DismInitialize(DismLogLevel.WARNINGS.code(), null, null));
        assertEquals(HResult.S_OK, api.DismShutdown());
        assertEquals(HResult.S_OK, api.DismInitialize(DismLogLevel.INFO.code(), null, null));
        assertEquals(HResult.S_OK, api.DismShutdown());
    }

    @Test
    void theStructLayoutIsPacked() {
        DismMountedImageInfo.Layout layout = DismMountedImageInfo.LAYOUT;
        int pointer = com.sun.jna.Native.POINTER_SIZE;

        assertEquals(2 * pointer + 12, layout.size());
        assertEquals(0, layout.mountPath());
        assertEquals(pointer, layout.imageFilePath());
        assertEquals(2 * pointer, layout.imageIndex());
        assertEquals(2 * pointer + 4, layout.mountMode());
        assertEquals(2 * pointer + 8, layout.mountStatus());
    }
}
