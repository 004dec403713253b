package io.github.dismagent.dism;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.win32.StdCallFunctionMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Loads the first usable DISM library of the {@link DismLibraryLocator}'s plan, checking every export. */
final class DismLibraryLoader {
    private final Optional<WindowsInstallation> windows;
    private final DismLibraryLocator locator;

    /** @param windows the Windows installation, or empty on any other operating system */
    DismLibraryLoader(Optional<WindowsInstallation> windows) {
        this.windows = windows;
        this.locator = new DismLibraryLocator(windows);
    }

    /** The loader for this platform. */
    static DismLibraryLoader forThisPlatform() {
        return new DismLibraryLoader(Platform.isWindows() ? Optional.of(new JnaWindowsInstallation()) : Optional.empty());
    }

    /** A loaded library and the JNA proxy through which to call it. */
    record Loaded(LoadedDismLibrary library, DismApiLibrary api) {
    }

    Loaded load(String configured) throws DismUnavailableException {
        DismLibraryLocator.Plan plan = locator.plan(configured);
        List<String> attempts = new ArrayList<>(plan.skipped());
        Map<String, Object> options = options();
        for (DismLibraryLocator.Candidate candidate : plan.candidates()) {
            NativeLibrary library;
            try {
                library = NativeLibrary.getInstance(candidate.library(), options);
            } catch (UnsatisfiedLinkError e) {
                attempts.add(candidate.library() + " (" + candidate.origin() + "): " + firstLine(e.getMessage()));
                continue;
            }
            String path = library.getFile() == null ? candidate.library() : library.getFile().getAbsolutePath();
            List<String> missing = missingExports(library);
            if (!missing.isEmpty()) {
                attempts.add(path + " (" + candidate.origin() + "): not a usable DISM library, it lacks "
                        + String.join(", ", missing));
                continue;
            }
            DismApiLibrary api = Native.load(path, DismApiLibrary.class, options);
            String version = windows.flatMap(w -> w.fileVersion(path)).orElse("");
            return new Loaded(new LoadedDismLibrary(path, version, candidate.origin()), api);
        }
        throw new DismUnavailableException("No DISM library could be loaded. Tried: " + String.join("; ", attempts)
                + ". " + advice(), attempts);
    }

    /** WINAPI is stdcall on 32-bit Windows; everywhere else there is one convention. */
    private static Map<String, Object> options() {
        Map<String, Object> options = new HashMap<>();
        if (Platform.isWindows() && !Platform.is64Bit()) {
            options.put(Library.OPTION_CALLING_CONVENTION, Function.ALT_CONVENTION);
            options.put(Library.OPTION_FUNCTION_MAPPER, new StdCallFunctionMapper());
        }
        return options;
    }

    private static List<String> missingExports(NativeLibrary library) {
        List<String> missing = new ArrayList<>();
        for (String function : DismApiLibrary.FUNCTIONS) {
            try {
                library.getFunction(function);
            } catch (UnsatisfiedLinkError e) {
                missing.add(function);
            }
        }
        return missing;
    }

    private static String advice() {
        if (Platform.isWindows()) {
            return "Install the Deployment Tools of the Windows ADK, or check that %SystemRoot%\\System32\\DismApi.dll exists; "
                    + "set dismLibrary=<path of dismapi.dll> to choose a copy.";
        }
        return "DISM exists only on Windows; elsewhere dismagent uses the DismAPI emulator (a test and demo double): "
                + "build it with 'mvn -pl emulator package' and start the JVM with -Djna.library.path=<directory of "
                + "libDismAPI.so>, or set dismLibrary=<path of libDismAPI.so>.";
    }

    /** JNA's messages go on to list the class path; the first line says what failed. */
    private static String firstLine(String message) {
        if (message == null) {
            return "cannot be loaded";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
