package io.github.dismagent.dism;

import io.github.dismagent.LogText;
import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.win32.StdCallFunctionMapper;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the first usable DISM library of the {@link DismLibraryLocator}'s plan, checking every export. */
final class DismLibraryLoader {
    private static final Logger log = LoggerFactory.getLogger(DismLibraryLoader.class);
    /** One instance: the options of the probe and of the proxy must be equal for JNA to reuse the library. */
    private static final StdCallFunctionMapper STDCALL_MAPPER = new StdCallFunctionMapper();

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

    /** Initialises DISM through a library just loaded; throws when DISM cannot be used through it. */
    @FunctionalInterface
    interface Initializer {
        void initialize(Loaded candidate) throws DismException;
    }

    /**
     * Loads the first candidate that has every export and through which DISM initialises. A
     * candidate whose {@code DismInitialize} fails is left for the next one (the ADK's copy for
     * System32's), except when elevation is required, which no other copy would change.
     *
     * @throws DismException the failure of the last candidate's initialisation, or of any
     *                       candidate's when elevation is required
     */
    Loaded load(String configured, Initializer initializer) throws DismUnavailableException, DismException {
        DismLibraryLocator.Plan plan = locator.plan(configured);
        List<String> attempts = new ArrayList<>(plan.skipped());
        List<DismLibraryLocator.Candidate> candidates = plan.candidates();
        String fallbackReason = "";
        for (int i = 0; i < candidates.size(); i++) {
            DismLibraryLocator.Candidate candidate = candidates.get(i);
            Optional<Loaded> loaded = loadOne(candidate, attempts);
            if (loaded.isEmpty()) {
                continue;
            }
            try {
                initializer.initialize(loaded.get());
            } catch (DismException e) {
                boolean last = i == candidates.size() - 1;
                if (last || e.hresult() == HResult.ERROR_ELEVATION_REQUIRED) {
                    throw e;
                }
                String failure = loaded.get().library().path() + " (" + candidate.origin() + ") loads, but " + e.getMessage();
                attempts.add(failure);
                log.warn("{}; trying the next DISM library", LogText.line(failure));
                fallbackReason = "; used because " + failure;
                continue;
            }
            LoadedDismLibrary library = loaded.get().library();
            return new Loaded(new LoadedDismLibrary(library.path(), library.version(), library.origin() + fallbackReason),
                    loaded.get().api());
        }
        throw new DismUnavailableException("No DISM library could be loaded. Tried: " + String.join("; ", attempts)
                + ". " + advice(), attempts);
    }

    /** Loads without initialising: for callers that initialise DISM themselves. */
    Loaded load(String configured) throws DismUnavailableException {
        try {
            return load(configured, candidate -> { });
        } catch (DismException e) {
            throw new IllegalStateException("no initialisation was attempted", e);
        }
    }

    /**
     * One candidate, loaded once: the JNA proxy is made from the same name and options, so that it
     * is the same {@link NativeLibrary}. Rebuilding a path from {@link NativeLibrary#getFile()}
     * would break a library that the operating system's search found (its file is then the bare
     * name, resolved against the working directory).
     */
    private Optional<Loaded> loadOne(DismLibraryLocator.Candidate candidate, List<String> attempts) {
        Map<String, Object> options = options();
        NativeLibrary library;
        try {
            library = NativeLibrary.getInstance(candidate.library(), options);
        } catch (UnsatisfiedLinkError e) {
            attempts.add(candidate.library() + " (" + candidate.origin() + "): " + firstLine(e.getMessage()));
            return Optional.empty();
        }
        String path = pathOf(library, candidate);
        List<String> missing = missingExports(library);
        if (!missing.isEmpty()) {
            attempts.add(path + " (" + candidate.origin() + "): not a usable DISM library, it lacks " + String.join(", ", missing));
            return Optional.empty();
        }
        DismApiLibrary api;
        try {
            api = Native.load(candidate.library(), DismApiLibrary.class, options);
        } catch (UnsatisfiedLinkError e) {
            attempts.add(path + " (" + candidate.origin() + "): loaded, but JNA cannot bind it: " + firstLine(e.getMessage()));
            return Optional.empty();
        }
        boolean searched = !new File(path).isAbsolute();
        String origin = candidate.origin() + (searched ? ", found by the operating system's library search" : "");
        String version = searched ? "" : windows.flatMap(w -> w.fileVersion(path)).orElse("");
        return Optional.of(new Loaded(new LoadedDismLibrary(path, version, origin), api));
    }

    /** The file JNA opened, when it knows it; else the name as given. */
    private static String pathOf(NativeLibrary library, DismLibraryLocator.Candidate candidate) {
        File file = library.getFile();
        if (file != null && file.isAbsolute() && file.exists()) {
            return file.getAbsolutePath();
        }
        File given = new File(candidate.library());
        return given.isAbsolute() && given.exists() ? given.getAbsolutePath() : candidate.library();
    }

    /**
     * The options of every load, the same for the probe and the proxy. WINAPI is stdcall on 32-bit
     * Windows; everywhere else there is one convention.
     */
    private static Map<String, Object> options() {
        Map<String, Object> options = new HashMap<>();
        options.put(Library.OPTION_CLASSLOADER, DismApiLibrary.class.getClassLoader());
        if (Platform.isWindows() && !Platform.is64Bit()) {
            options.put(Library.OPTION_CALLING_CONVENTION, Function.ALT_CONVENTION);
            options.put(Library.OPTION_FUNCTION_MAPPER, STDCALL_MAPPER);
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
