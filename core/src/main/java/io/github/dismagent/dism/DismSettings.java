package io.github.dismagent.dism;

import java.util.Objects;

/**
 * How to load and initialise DISM.
 *
 * @param library          a path or bare name of the DISM library; null for the platform default
 *                         ({@link DismLibraryLocator})
 * @param logLevel         passed to {@code DismInitialize}
 * @param logFile          DISM's own log file; null for DISM's default ({@code %WINDIR%\Logs\DISM\dism.log})
 * @param scratchDirectory DISM's scratch directory; null for DISM's default
 */
public record DismSettings(String library, DismLogLevel logLevel, String logFile, String scratchDirectory) {

    public DismSettings {
        Objects.requireNonNull(logLevel, "logLevel");
    }

    /** The platform's DISM library, warnings logged to DISM's default log. */
    public static DismSettings defaults() {
        return new DismSettings(null, DismLogLevel.WARNINGS, null, null);
    }

    public DismSettings withLibrary(String library) {
        return new DismSettings(library, logLevel, logFile, scratchDirectory);
    }

    public DismSettings withLogLevel(DismLogLevel logLevel) {
        return new DismSettings(library, logLevel, logFile, scratchDirectory);
    }

    public DismSettings withLogFile(String logFile) {
        return new DismSettings(library, logLevel, logFile, scratchDirectory);
    }

    public DismSettings withScratchDirectory(String scratchDirectory) {
        return new DismSettings(library, logLevel, logFile, scratchDirectory);
    }
}
