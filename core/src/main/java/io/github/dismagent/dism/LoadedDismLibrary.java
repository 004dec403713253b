package io.github.dismagent.dism;

import com.sun.jna.Platform;
import java.util.Locale;

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
        // DISMAPI.DLL, dismapi.dll and a bare name searched on Windows are all DISM.
        boolean dism = path.toLowerCase(Locale.ROOT).endsWith(".dll") || Platform.isWindows();
        String name = dism ? "DismApi.dll" : "DismAPI emulator";
        return name + (version.isEmpty() ? "" : " " + version) + " at " + path + " (" + origin + ")";
    }
}
