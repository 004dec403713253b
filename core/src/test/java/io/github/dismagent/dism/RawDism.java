package io.github.dismagent.dism;

/** The DismAPI functions called directly, as other code in the host process could call them. */
final class RawDism {
    private RawDism() {
    }

    static DismApiLibrary api() throws DismUnavailableException {
        return DismLibraryLoader.forThisPlatform().load(null).api();
    }
}
