package io.github.dismagent.dism;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DismInitialize} and {@code DismShutdown} for one session: whether DISM is initialised,
 * and whether by this session (then it shuts DISM down) or by other code in the process (then it
 * never does). Confined to the DISM thread.
 */
final class DismInitialization {
    private static final Logger log = LoggerFactory.getLogger(DismSession.class);

    private final DismSettings settings;
    private boolean initialized;
    private boolean owned;
    private boolean sharingLogged;

    DismInitialization(DismSettings settings) {
        this.settings = settings;
    }

    boolean isInitialized() {
        return initialized;
    }

    /** A call answered NOT_INITIALIZED: the next call initialises DISM again. */
    void lost() {
        initialized = false;
    }

    /**
     * {@code DismInitialize}. When it fails for any reason but elevation, DISM may be initialised
     * already: by this session (a call answered NOT_INITIALIZED although this session never shut
     * DISM down) or by other code in the process. The value of DISMAPI_E_DISMAPI_ALREADY_INITIALIZED
     * is undocumented, so the code cannot tell; whether DISM answers a call that changes nothing
     * can. If it does, this session shares that initialisation and leaves its shutdown to the code
     * that made it.
     */
    void initialize(DismApiLibrary api) throws DismException {
        Memory logFile = settings.logFile() == null ? null : Utf16.toNative(settings.logFile());
        Memory scratch = settings.scratchDirectory() == null ? null : Utf16.toNative(settings.scratchDirectory());
        int hresult = api.DismInitialize(settings.logLevel().code(), logFile, scratch);
        if (HResult.succeeded(hresult)) {
            initialized = true;
            owned = true;
            return;
        }
        DismException failure = new DismException("DismInitialize", hresult, DismMemory.lastErrorMessage(api));
        if (hresult == HResult.ERROR_ELEVATION_REQUIRED) {
            throw failure;
        }
        if (owned) {
            // This session initialised DISM and has not shut it down: the call that said otherwise is retried as it is.
            initialized = true;
            return;
        }
        int probe = probe(api);
        if (probe == HResult.DISMAPI_E_DISMAPI_NOT_INITIALIZED) {
            throw failure;
        }
        initialized = true;
        if (!sharingLogged) {
            sharingLogged = true;
            log.info("DismInitialize returned {}, yet DISM answers DismGetMountedImageInfo ({}): other code in this process "
                    + "initialised it. dismagent shares it and will not shut it down. (DISM does not document what a second "
                    + "DismInitialize returns; this is the value on this machine.)", failure.describe(), HResult.hex(probe));
        }
    }

    /** {@code DismShutdown}, only if this session initialised DISM. */
    void shutDown(DismApiLibrary api) {
        if (!owned) {
            return;
        }
        int hresult = api.DismShutdown();
        initialized = false;
        owned = false;
        // NOT_INITIALIZED: other code shut DISM down already, which is what was wanted.
        if (!HResult.succeeded(hresult) && hresult != HResult.DISMAPI_E_DISMAPI_NOT_INITIALIZED) {
            // DismGetLastErrorMessage does not apply to DismShutdown.
            log.warn("DismShutdown failed: {}", HResult.describe(hresult, ""));
        }
    }

    /**
     * {@code DismGetMountedImageInfo}, the call that changes nothing: its HRESULT. Any answer but
     * NOT_INITIALIZED (DISM busy included) shows that DISM is initialised.
     */
    private static int probe(DismApiLibrary api) {
        PointerByReference array = new PointerByReference();
        IntByReference count = new IntByReference();
        int hresult = api.DismGetMountedImageInfo(array, count);
        if (HResult.succeeded(hresult) && array.getValue() != null) {
            DismMemory.delete(api, array.getValue(), "DismGetMountedImageInfo");
        }
        return hresult;
    }
}
