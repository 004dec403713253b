package io.github.dismagent.dism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.emulator.EmulatorLibrary;
import io.github.dismagent.emulator.EmulatorState;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DismLibraryLoaderTest {

    @Test
    void loadsTheEmulatorByBareNameAndDescribesIt() throws Exception {
        LoadedDismLibrary library = new DismLibraryLoader(Optional.empty()).load(null).library();

        assertEquals(EmulatorLibrary.directory().resolve(EmulatorLibrary.fileName()).toRealPath().toString(),
                java.nio.file.Path.of(library.path()).toRealPath().toString());
        assertTrue(library.description().startsWith("DismAPI emulator at "), library.description());
    }

    @Test
    void aMissingLibraryIsReportedWithItsPathAndWhatToDo() {
        DismUnavailableException e = assertThrows(DismUnavailableException.class,
                () -> new DismLibraryLoader(Optional.empty()).load("/opt/nowhere/libDismAPI.so"));

        assertTrue(e.getMessage().contains("/opt/nowhere/libDismAPI.so (the dismLibrary option)"), e.getMessage());
        assertTrue(e.getMessage().contains("jna.library.path"), e.getMessage());
        assertEquals(1, e.attempts().size());
    }

    @Test
    void aLibraryWithoutTheDismExportsIsNotUsed() {
        String notDism = java.nio.file.Path.of(System.getProperty("java.home"), "lib", System.mapLibraryName("java")).toString();

        DismUnavailableException e = assertThrows(DismUnavailableException.class,
                () -> new DismLibraryLoader(Optional.empty()).load(notDism));

        assertTrue(e.getMessage().contains("not a usable DISM library, it lacks DismInitialize, DismShutdown, "
                + "DismGetMountedImageInfo, DismRemountImage, DismCleanupMountpoints, DismGetLastErrorMessage, DismDelete, DismUnmountImage"), e.getMessage());
    }

    @Test
    void aBareNameThatOnlyTheOperatingSystemsSearchFindsLoads(@TempDir Path work) throws Exception {
        Path state = Files.writeString(work.resolve("state.tsv"), new StateFileText()
                .mount("C:\\Mount\\a", "D:\\a.wim", 1, "ReadWrite", "Ok").toString());

        // No jna.library.path, a java.library.path without LD_LIBRARY_PATH's entries (JNA searches it), and a
        // working directory (the module's) that does not hold the library: only dlopen's own search finds it.
        ChildJvm.Result result = new ChildJvm()
                .jvmArgument("-Djava.library.path=" + work)
                .environment("LD_LIBRARY_PATH", EmulatorLibrary.directory().toString())
                .environment("DYLD_LIBRARY_PATH", EmulatorLibrary.directory().toString())
                .environment(EmulatorState.ENVIRONMENT_VARIABLE, state.toString())
                .command(BareNameDriver.class.getName(), "DismAPI")
                .run(work.resolve("driver.out"), Duration.ofMinutes(2));

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("MOUNTED 1"), result.output());
        assertTrue(result.output().contains("LIBRARY DismAPI emulator at DismAPI (the dismLibrary option, found by the operating "
                + "system's library search)"), result.output());
    }

    /** The ADK's and System32's copies of DISM, as two copies of the emulator at the paths Windows would give. */
    private static DismLibraryLocatorTest.FakeWindows windowsWithTwoCopies(Path work) throws Exception {
        String kits = work.resolve("kits").toString();
        String adk = kits + "\\Assessment and Deployment Kit\\Deployment Tools\\amd64\\DISM\\dismapi.dll";
        String windowsRoot = work.resolve("windows").toString();
        Path emulator = EmulatorLibrary.directory().resolve(EmulatorLibrary.fileName());
        Files.copy(emulator, Path.of(adk));
        Files.copy(emulator, Path.of(windowsRoot + "\\System32\\DismApi.dll"));
        return new DismLibraryLocatorTest.FakeWindows(Optional.of(kits), Optional.of(windowsRoot), Set.of(adk), false);
    }

    @Test
    void whenTheAdkCopyCannotInitialiseSystem32sIsUsedAndTheReasonKept(@TempDir Path work) throws Exception {
        var windows = windowsWithTwoCopies(work);
        List<String> initialised = new ArrayList<>();

        DismLibraryLoader.Loaded loaded = new DismLibraryLoader(Optional.of(windows)).load(null, candidate -> {
            initialised.add(candidate.library().path());
            if (candidate.library().path().contains("Deployment Tools")) {
                throw new DismException("DismInitialize", HResult.E_FAIL, "the ADK's DISM is broken");
            }
        });

        assertEquals(2, initialised.size(), initialised.toString());
        assertTrue(loaded.library().path().endsWith("windows\\System32\\DismApi.dll"), loaded.library().path());
        assertTrue(loaded.library().origin().startsWith("Windows (System32); used because "), loaded.library().origin());
        assertTrue(loaded.library().origin().contains("(the Windows ADK) loads, but DismInitialize failed: 0x80004005 E_FAIL: "
                + "the ADK's DISM is broken"), loaded.library().origin());
        assertTrue(loaded.library().description().startsWith("DismApi.dll 10.0.26100.1 at "), loaded.library().description());
    }

    @Test
    void elevationRequiredIsNotWorkedAroundWithAnotherCopy(@TempDir Path work) throws Exception {
        var windows = windowsWithTwoCopies(work);
        List<String> initialised = new ArrayList<>();

        DismException e = assertThrows(DismException.class, () -> new DismLibraryLoader(Optional.of(windows)).load(null, candidate -> {
            initialised.add(candidate.library().path());
            throw new DismException("DismInitialize", HResult.ERROR_ELEVATION_REQUIRED, "");
        }));

        assertEquals(HResult.ERROR_ELEVATION_REQUIRED, e.hresult());
        assertEquals(1, initialised.size(), "System32's copy would need elevation just the same: " + initialised);
    }

    @Test
    void theLastCandidatesInitialisationFailureIsThrown(@TempDir Path work) throws Exception {
        var windows = windowsWithTwoCopies(work);

        DismException e = assertThrows(DismException.class, () -> new DismLibraryLoader(Optional.of(windows)).load(null, candidate -> {
            throw new DismException("DismInitialize", HResult.E_FAIL, candidate.library().origin());
        }));

        assertEquals("Windows (System32)", e.dismMessage());
    }

    @Test
    void aDllLabelledInCapitalsIsDismNotTheEmulator() {
        assertTrue(new LoadedDismLibrary("C:\\WINDOWS\\SYSTEM32\\DISMAPI.DLL", "", "Windows (System32)").description()
                .startsWith("DismApi.dll at C:\\WINDOWS"));
    }

    @Test
    void onWindowsEveryPathTriedIsNamedInOrder() {
        String adk = "C:\\Kits\\Assessment and Deployment Kit\\Deployment Tools\\amd64\\DISM\\dismapi.dll";
        var windows = new DismLibraryLocatorTest.FakeWindows(Optional.of("C:\\Kits"), Optional.of("C:\\Windows"), Set.of(adk), false);

        DismUnavailableException e = assertThrows(DismUnavailableException.class, () -> new DismLibraryLoader(Optional.of(windows)).load(null));

        assertEquals(2, e.attempts().size());
        assertTrue(e.attempts().get(0).startsWith(adk + " (the Windows ADK): "), e.attempts().get(0));
        assertTrue(e.attempts().get(1).startsWith("C:\\Windows\\System32\\DismApi.dll (Windows (System32)): "), e.attempts().get(1));
    }
}
