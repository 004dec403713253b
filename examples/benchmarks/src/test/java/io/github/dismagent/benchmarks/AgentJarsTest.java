package io.github.dismagent.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentJarsTest {
    @TempDir
    Path dir;

    @Test
    void aFloorAgentJarHoldsItsClassAndNamesItsPremain() throws Exception {
        Path jar = AgentJars.write(dir, JmxHttpFloorAgent.class);
        try (JarFile file = new JarFile(jar.toFile())) {
            assertEquals(JmxHttpFloorAgent.class.getName(), file.getManifest().getMainAttributes().getValue("Premain-Class"));
            assertNotNull(file.getEntry("io/github/dismagent/benchmarks/JmxHttpFloorAgent.class"));
            assertEquals(2, file.stream().count(), "the manifest and the one class: nothing else of the harness");
        }
    }
}
