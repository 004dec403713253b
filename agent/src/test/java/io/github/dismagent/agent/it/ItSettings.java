package io.github.dismagent.agent.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths the build gives the integration tests. */
final class ItSettings {
    private ItSettings() {
    }

    static Path agentJar() {
        return existing("dismagent.agent.jar");
    }

    /** The JDK whose java runs the hosts (JDK 25 in CI's second run). */
    static Path javaHome() {
        return existing("dismagent.it.java.home");
    }

    /** Old versions of the agent's libraries and jmx_exporter, copied from Maven Central. */
    static Path libs() {
        return existing("dismagent.it.libs");
    }

    static Path lib(String fileName) {
        Path jar = libs().resolve(fileName);
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; the build copies it in pre-integration-test");
        }
        return jar;
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.exists(Path.of(value))) {
            throw new IllegalStateException("system property " + property + " must name an existing path (set by agent/pom.xml), was " + value);
        }
        return Path.of(value);
    }
}
