package io.github.dismagent.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MountPathsTest {

    @Test
    void keysCompareTheWindowsWay() {
        String key = MountPaths.key("C:\\Mount\\Win11");
        for (String same : new String[] {"c:\\mount\\win11", "C:/Mount/Win11", "C:\\Mount\\Win11\\\\", "\\\\?\\C:\\MOUNT\\win11"}) {
            assertEquals(key, MountPaths.key(same), same);
        }
        assertEquals(MountPaths.key("\\\\server\\share\\m"), MountPaths.key("\\\\?\\UNC\\server\\share\\m"));
        assertEquals("C:\\MOUNT\\STRAßE", MountPaths.key("C:\\Mount\\Straße"), "per character, as NTFS: ß stays ß");
        assertEquals("", MountPaths.key(null));
    }

    @Test
    void acceptsAbsoluteWindowsPathsOnly() {
        for (String good : new String[] {"C:\\Mount\\a", "d:/m", "\\\\server\\share\\m", "\\\\?\\C:\\m", "C:\\Mount\\Ωmega\\𝄞"}) {
            assertEquals(Optional.empty(), MountPaths.problem(good), good);
        }
        assertTrue(MountPaths.problem(null).orElseThrow().startsWith("a mount path is required"));
        assertTrue(MountPaths.problem("Mount\\a").orElseThrow().contains("is not an absolute Windows path"));
        assertTrue(MountPaths.problem("C:relative").orElseThrow().contains("is not an absolute Windows path"));
        assertTrue(MountPaths.problem("C:\\a\0b").orElseThrow().contains("NUL"));
        assertTrue(MountPaths.problem("C:\\" + "x".repeat(32_765)).orElseThrow().contains("at most 32767"));
        assertEquals(Optional.empty(), MountPaths.problem("C:\\" + "x".repeat(32_764)));
    }
}
