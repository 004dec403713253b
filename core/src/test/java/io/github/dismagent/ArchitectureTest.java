package io.github.dismagent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layering of DESIGN.md, checked on the sources of core. */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/io/github/dismagent");

    @Test
    void onlyTheBindingPackageKnowsJna() throws IOException {
        assertEquals(List.of(), filesOutside("dism").stream().filter(f -> contains(f, "com.sun.jna")).toList());
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
