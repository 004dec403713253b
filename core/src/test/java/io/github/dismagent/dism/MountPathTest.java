package io.github.dismagent.dism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MountPathTest {

    @Test
    void keysCompareTheWindowsWay() {
        String key = MountPath.key("C:\\Mount\\Win11");
        for (String same : new String[] {"c:\\mount\\win11", "C:/Mount/Win11", "C:\\Mount\\Win11\\\\", "\\\\?\\C:\\MOUNT\\win11"}) {
            assertEquals(key, MountPath.key(same), same);
        }
        assertEquals(MountPath.key("\\\\server\\share\\m"), MountPath.key("\\\\?\\UNC\\server\\share\\m"));
        assertEquals("C:\\MOUNT\\STRAßE", MountPath.key("C:\\Mount\\Straße"), "per character, as NTFS: ß stays ß");
        assertEquals("", MountPath.key(null));
    }

    @Test
    void acceptsAbsoluteWindowsPathsOnly() {
        for (String good : new String[] {"C:\\Mount\\a", "d:/m", "\\\\server\\share\\m", "\\\\?\\C:\\m", "C:\\Mount\\Ωmega\\𝄞"}) {
            assertEquals(Optional.empty(), MountPath.problem(good), good);
        }
        assertTrue(MountPath.problem(null).orElseThrow().startsWith("a mount path is required"));
        assertTrue(MountPath.problem("Mount\\a").orElseThrow().contains("is not an absolute Windows path"));
        assertTrue(MountPath.problem("C:relative").orElseThrow().contains("is not an absolute Windows path"));
        assertTrue(MountPath.problem("C:\\a\0b").orElseThrow().contains("NUL"));
        assertTrue(MountPath.problem("C:\\" + "x".repeat(32_765)).orElseThrow().contains("at most 32767"));
        assertEquals(Optional.empty(), MountPath.problem("C:\\" + "x".repeat(32_764)));
    }
}
