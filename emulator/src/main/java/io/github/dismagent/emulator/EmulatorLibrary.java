package io.github.dismagent.emulator;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build left the emulator's shared library. The build passes the directories to tests as
 * the system properties {@value #DIRECTORY_PROPERTY} and {@value #ASAN_DIRECTORY_PROPERTY}.
 */
public final class EmulatorLibrary {
    /** The directory of the regular build of the library. */
    public static final String DIRECTORY_PROPERTY = "dismagent.emulator.dir";
    /** The directory of the AddressSanitizer build of the library. */
    public static final String ASAN_DIRECTORY_PROPERTY = "dismagent.emulator.asan.dir";

    private EmulatorLibrary() {
    }

    /** The directory holding {@code libDismAPI.so} (or {@code .dylib}), for {@code jna.library.path}. */
    public static Path directory() {
        return existing(DIRECTORY_PROPERTY);
    }

    /** The directory holding the AddressSanitizer build of the library. */
    public static Path asanDirectory() {
        return existing(ASAN_DIRECTORY_PROPERTY);
    }

    /**
     * The directory of a build that lacks the export {@code DismCleanupMountpoints}: a DISM library
     * that is present but not whole. It sits beside the regular build.
     */
    public static Path withoutCleanupDirectory() {
        Path directory = directory().resolveSibling("native-without-cleanup");
        if (!Files.isRegularFile(directory.resolve(fileName()))) {
            throw new IllegalStateException(directory.resolve(fileName()) + " is missing; 'mvn -pl emulator package' builds it");
        }
        return directory;
    }

    /** The library file's name on this operating system. */
    public static String fileName() {
        return System.getProperty("os.name").toLowerCase().contains("mac") ? "libDismAPI.dylib" : "libDismAPI.so";
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; the build's test configuration "
                    + "sets it to the emulator's output directory");
        }
        Path directory = Path.of(value);
        if (!Files.isRegularFile(directory.resolve(fileName()))) {
            throw new IllegalStateException("the DismAPI emulator is not built: " + directory.resolve(fileName())
                    + " is missing. Build it with 'mvn -pl emulator package' (it needs gcc).");
        }
        return directory;
    }
}
