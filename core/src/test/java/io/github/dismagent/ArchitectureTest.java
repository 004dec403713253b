package io.github.dismagent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layering of docs/architecture.md ("Layers", "Rules each layer keeps"), checked on the sources of core. */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/io/github/dismagent");

    @Test
    void onlyTheBindingPackageKnowsJna() throws IOException {
        assertEquals(List.of(), filesOutside("dism").stream().filter(f -> contains(f, "com.sun.jna")).toList());
    }

    @Test
    void theViewsNeverCallDism() throws IOException {
        for (String view : List.of("jmx", "metrics")) {
            assertEquals(List.of(), filesIn(view).stream().filter(f -> contains(f, "DismSession")).toList(), view);
        }
    }

    @Test
    void theJmxAndMetricsViewsDoNotKnowEachOther() throws IOException {
        assertEquals(List.of(), filesIn("jmx").stream().filter(f -> contains(f, "io.github.dismagent.metrics")).toList());
        assertEquals(List.of(), filesIn("metrics").stream().filter(f -> contains(f, "io.github.dismagent.jmx")).toList());
    }

    private static List<Path> filesIn(String packageName) throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES.resolve(packageName))) {
            List<Path> found = files.filter(f -> f.toString().endsWith(".java")).toList();
            assertTrue(!found.isEmpty(), "the package " + packageName + " has its sources");
            return found;
        }
    }

    private static List<Path> filesOutside(String packageName) throws IOException {
        assertTrue(Files.isDirectory(SOURCES), "run from the core module: " + SOURCES.toAbsolutePath());
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !SOURCES.relativize(f).startsWith(packageName))
                    .toList();
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
