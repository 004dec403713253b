package io.github.dismagent.dism;

/**
 * Opens DISM through a library name given as it stands (a bare name that only the operating
 * system's search finds), in a JVM of its own: {@link DismLibraryLoaderTest} starts it.
 */
public final class BareNameDriver {
    private BareNameDriver() {
    }

    public static void main(String[] args) throws Exception {
        try (DismSession session = DismSession.open(DismSettings.defaults().withLibrary(args[0]))) {
            System.out.println("MOUNTED " + session.mountedImages().size());
            System.out.println("LIBRARY " + session.library().map(LoadedDismLibrary::description).orElse("none"));
        } catch (DismUnavailableException | DismException e) {
            System.out.println("FAILED " + e.getMessage());
        }
    }
}
