package io.github.dismagent.dism;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DISM ready to call, for one session, on its DISM thread only: loads the library and initialises
 * DISM at the first use, initialises it again when other code in the process shut it down, and
 * turns a failed HRESULT into a {@link DismException} with DISM's own message.
 */
final class DismAccess {
    // Logged under the session's name: operators filter on one category for the binding.
    private static final Logger log = LoggerFactory.getLogger(DismSession.class);

    private final DismSettings settings;
    private final DismLibraryLoader loader;
    private final DismThread thread;
    private final DismInitialization initialization;
    private volatile LoadedDismLibrary library;

    // Confined to the DISM thread.
    private DismApiLibrary api;

    DismAccess(DismSettings settings, DismLibraryLoader loader, DismThread thread) {
        this.settings = settings;
        this.loader = loader;
        this.thread = thread;
        this.initialization = new DismInitialization(settings);
    }

    /** The library in use, once one is loaded; read on any thread. */
    Optional<LoadedDismLibrary> library() {
        return Optional.ofNullable(library);
    }

    /** The loaded and initialised library; on the DISM thread only. */
    DismApiLibrary api() throws DismUnavailableException, DismException {
        if (!thread.isCurrentThread()) {
            throw new IllegalStateException("DISM called outside the DISM thread");
        }
        if (api == null) {
            DismLibraryLoader.Loaded loaded;
            try {
                loaded = loader.load(settings.library(), candidate -> {
                    api = candidate.api();
                    library = candidate.library();
                    try {
                        initialization.initialize(api);
                    } catch (DismException e) {
                        api = null;
                        throw e;
                    }
                });
            } catch (LinkageError e) {
                throw new DismUnavailableException("JNA cannot load its native part on this JVM: " + e + ". Where application "
                        + "control (AppLocker, WDAC) allows DLLs only from trusted folders, give the JVM -Djna.tmpdir=<such a folder>.",
                        List.of());
            }
            api = loaded.api();
            library = loaded.library();
            log.info("Loaded {}", library.description());
            JnaSettings.setByTheHost().ifPresent(jna -> log.info("JNA settings of this JVM that apply to dismagent's JNA too: {}", jna));
            return api;
        }
        if (!initialization.isInitialized()) {
            initialization.initialize(api);
        }
        return api;
    }

    /** Runs a DISM call, initialising DISM again and retrying once if someone shut it down. */
    <T> T withReinitialization(DismThread.Call<T> call) throws Exception {
        try {
            return call.run();
        } catch (DismException e) {
            if (e.hresult() != HResult.DISMAPI_E_DISMAPI_NOT_INITIALIZED) {
                throw e;
            }
            log.info("DISM was shut down by other code in this process; initialising it again");
            return call.run();
        }
    }

    /** Throws a DismException for a failed HRESULT, with DISM's message fetched right away, on this thread. */
    void check(String function, int hresult) throws DismException {
        if (HResult.succeeded(hresult)) {
            return;
        }
        if (hresult == HResult.DISMAPI_E_DISMAPI_NOT_INITIALIZED) {
            initialization.lost();
        }
        throw new DismException(function, hresult, DismMemory.lastErrorMessage(api));
    }

    /** {@code DismShutdown}, if DISM was ever loaded and this session initialised it. */
    void shutDown() {
        if (api != null) {
            initialization.shutDown(api);
        }
    }
}
