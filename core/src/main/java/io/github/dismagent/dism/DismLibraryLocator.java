package io.github.dismagent.dism;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which DISM library to load, in order (docs/reference.md, "Options", {@code dismLibrary}):
 * <ul>
 *   <li>the configured path or bare name, when there is one;</li>
 *   <li>on Windows, the Windows ADK's {@code dismapi.dll} (newer, and what Microsoft advises), then
 *       {@code %SystemRoot%\System32\DismApi.dll}, both by absolute path: never a search by bare
 *       name that a planted DLL could answer;</li>
 *   <li>elsewhere, the bare name {@value #EMULATOR_NAME}, which JNA finds through
 *       {@code jna.library.path}: the emulator.</li>
 * </ul>
 */
final class DismLibraryLocator {
    static final String EMULATOR_NAME = "DismAPI";

    /** A library to try, and where its name came from. */
    record Candidate(String library, String origin) {
    }

    /** The candidates, and one line for each place looked at but left out, for the error message. */
    record Plan(List<Candidate> candidates, List<String> skipped) {
    }

    private final Optional<WindowsInstallation> windows;

    /** @param windows the Windows installation, or empty on any other operating system */
    DismLibraryLocator(Optional<WindowsInstallation> windows) {
        this.windows = windows;
    }

    Plan plan(String configured) throws DismUnavailableException {
        if (windows.isPresent() && windows.get().isWow64()) {
            throw new DismUnavailableException("DISM does not support a 32-bit JVM on 64-bit Windows (WOW64); "
                    + "run the server on a 64-bit JVM.", List.of());
        }
        if (configured != null && !configured.isBlank()) {
            return new Plan(List.of(new Candidate(configured, "the dismLibrary option")), List.of());
        }
        if (windows.isEmpty()) {
            return new Plan(List.of(new Candidate(EMULATOR_NAME, "the default outside Windows: the DismAPI emulator")), List.of());
        }
        WindowsInstallation installation = windows.get();
        List<Candidate> candidates = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        String adkFolder = "Assessment and Deployment Kit\\Deployment Tools\\" + installation.adkArchitecture() + "\\DISM\\dismapi.dll";
        installation.kitsRoot10().ifPresentOrElse(root -> {
            String adk = join(root, adkFolder);
            if (installation.isFile(adk)) {
                candidates.add(new Candidate(adk, "the Windows ADK"));
            } else {
                skipped.add(adk + ": not present (the ADK is installed without its Deployment Tools)");
            }
        }, () -> skipped.add("Windows ADK: not installed (no KitsRoot10 under HKLM\\SOFTWARE\\Microsoft\\Windows Kits\\Installed Roots)"));
        installation.systemRoot().ifPresentOrElse(
                root -> candidates.add(new Candidate(join(root, "System32\\DismApi.dll"), "Windows (System32)")),
                () -> skipped.add("%SystemRoot%\\System32\\DismApi.dll: the SystemRoot environment variable is not set"));
        return new Plan(candidates, skipped);
    }

    private static String join(String folder, String rest) {
        return folder.endsWith("\\") ? folder + rest : folder + "\\" + rest;
    }
}
