package io.github.dismagent.dism;

/**
 * A loaded DISM library.
 *
 * @param path    the file that was loaded
 * @param version its file version, or empty when it has none (the emulator)
 * @param origin  why it was chosen: the dismLibrary option, the Windows ADK, System32, the emulator default
 */
public record LoadedDismLibrary(String path, String version, String origin) {

    /** For the {@code Backend} attribute and the logs: which library, where, which version. */
    public String description() {
        String name = path.endsWith(".dll") ? "DismApi.dll" : "DismAPI emulator";
        return name + (version.isEmpty() ? "" : " " + version) + " at " + path + " (" + origin + ")";
    }
}
