package io.github.dismagent.dism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.emulator.EmulatorLibrary;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

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
    void onWindowsEveryPathTriedIsNamedInOrder() {
        String adk = "C:\\Kits\\Assessment and Deployment Kit\\Deployment Tools\\amd64\\DISM\\dismapi.dll";
        var windows = new DismLibraryLocatorTest.FakeWindows(Optional.of("C:\\Kits"), Optional.of("C:\\Windows"), Set.of(adk), false);

        DismUnavailableException e = assertThrows(DismUnavailableException.class, () -> new DismLibraryLoader(Optional.of(windows)).load(null));

        assertEquals(2, e.attempts().size());
        assertTrue(e.attempts().get(0).startsWith(adk + " (the Windows ADK): "), e.attempts().get(0));
        assertTrue(e.attempts().get(1).startsWith("C:\\Windows\\System32\\DismApi.dll (Windows (System32)): "), e.attempts().get(1));
    }
}
