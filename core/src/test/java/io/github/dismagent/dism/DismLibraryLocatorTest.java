package io.github.dismagent.dism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DismLibraryLocatorTest {
    private static final String KITS = "C:\\Program Files (x86)\\Windows Kits\\10\\";
    private static final String ADK_DLL = KITS + "Assessment and Deployment Kit\\Deployment Tools\\amd64\\DISM\\dismapi.dll";

    /** A Windows installation described by its facts. */
    record FakeWindows(Optional<String> kitsRoot10, Optional<String> systemRoot, Set<String> files, boolean isWow64)
            implements WindowsInstallation {
        @Override
        public String adkArchitecture() {
            return "amd64";
        }

        @Override
        public Optional<Boolean> isElevated() {
            return Optional.of(true);
        }

        @Override
        public boolean isFile(String path) {
            return files.contains(path);
        }

        @Override
        public Optional<String> fileVersion(String path) {
            return Optional.of("10.0.26100.1");
        }
    }

    private static List<DismLibraryLocator.Candidate> candidates(WindowsInstallation windows, String configured) throws Exception {
        return new DismLibraryLocator(Optional.of(windows)).plan(configured).candidates();
    }

    @Test
    void prefersTheAdkCopyThenSystem32BothByAbsolutePath() throws Exception {
        FakeWindows windows = new FakeWindows(Optional.of(KITS), Optional.of("C:\\Windows"), Set.of(ADK_DLL), false);

        assertEquals(List.of(
                new DismLibraryLocator.Candidate(ADK_DLL, "the Windows ADK"),
                new DismLibraryLocator.Candidate("C:\\Windows\\System32\\DismApi.dll", "Windows (System32)")),
                candidates(windows, null));
    }

    @Test
    void withoutAnAdkUsesSystem32AndSaysWhyTheAdkWasLeftOut() throws Exception {
        FakeWindows windows = new FakeWindows(Optional.empty(), Optional.of("C:\\Windows"), Set.of(), false);

        DismLibraryLocator.Plan plan = new DismLibraryLocator(Optional.of(windows)).plan(null);

        assertEquals(List.of(new DismLibraryLocator.Candidate("C:\\Windows\\System32\\DismApi.dll", "Windows (System32)")), plan.candidates());
        assertTrue(plan.skipped().get(0).contains("KitsRoot10"), plan.skipped().toString());
    }

    @Test
    void anAdkWithoutDeploymentToolsIsLeftOutWithItsPath() throws Exception {
        FakeWindows windows = new FakeWindows(Optional.of(KITS.substring(0, KITS.length() - 1)), Optional.of("C:\\Windows"), Set.of(), false);

        DismLibraryLocator.Plan plan = new DismLibraryLocator(Optional.of(windows)).plan(null);

        assertEquals(1, plan.candidates().size());
        assertTrue(plan.skipped().get(0).startsWith(ADK_DLL + ": not present"), plan.skipped().toString());
    }

    @Test
    void theConfiguredLibraryReplacesTheSearch() throws Exception {
        FakeWindows windows = new FakeWindows(Optional.of(KITS), Optional.of("C:\\Windows"), Set.of(ADK_DLL), false);

        assertEquals(List.of(new DismLibraryLocator.Candidate("D:\\tools\\dismapi.dll", "the dismLibrary option")),
                candidates(windows, "D:\\tools\\dismapi.dll"));
    }

    @Test
    void refusesA32BitJvmOn64BitWindows() {
        FakeWindows windows = new FakeWindows(Optional.empty(), Optional.of("C:\\Windows"), Set.of(), true);

        DismUnavailableException e = assertThrows(DismUnavailableException.class,
                () -> new DismLibraryLocator(Optional.of(windows)).plan(null));
        assertTrue(e.getMessage().contains("64-bit JVM"), e.getMessage());
    }

    @Test
    void outsideWindowsLooksForTheEmulatorByBareName() throws Exception {
        assertEquals(List.of(new DismLibraryLocator.Candidate("DismAPI", "the default outside Windows: the DismAPI emulator")),
                new DismLibraryLocator(Optional.empty()).plan(null).candidates());
    }
}
