package io.github.dismagent.dism;

/** The DismAPI functions called directly, as other code in the host process could call them. */
final class RawDism {
    /**
     * Held for the whole process, as a host holds the library it calls: JNA closes a library whose
     * last proxy was collected (dlclose), and a library loaded again has lost DismInitialize's state.
     * Loaded afresh at each call, a garbage collection between a test's own DismInitialize and the
     * session's load made the session initialise a new copy (DismFailureTest failed so, about one full
     * run in three).
     */
    private static DismApiLibrary api;

    private RawDism() {
    }

    static synchronized DismApiLibrary api() throws DismUnavailableException {
        if (api == null) {
            api = DismLibraryLoader.forThisPlatform().load(null).api();
        }
        return api;
    }
}
