package io.github.dismagent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layering of docs/architecture.md ("Layers", "Rules each layer keeps"), checked on the sources of core. */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/io/github/dismagent");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.github\\.dismagent\\.([a-z]+)\\.[A-Z]");
    private static final String ROOT = "(root)";

    /** What each package may use, top to bottom: the views, the monitor, the binding, the root's small helpers. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            ROOT, Set.of(),
            "dism", Set.of(ROOT),
            "monitor", Set.of(ROOT, "dism"),
            "jmx", Set.of(ROOT, "dism", "monitor"),
            "metrics", Set.of(ROOT, "dism", "monitor"));

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

    @Test
    void everyPackageUsesOnlyThePackagesBelowIt() throws IOException {
        Map<String, Set<String>> uses = packageDependencies();
        assertEquals(ALLOWED.keySet(), uses.keySet(), "the packages of core; a new one needs its place in ALLOWED");
        Map<String, Set<String>> forbidden = new TreeMap<>();
        uses.forEach((from, to) -> to.stream().filter(p -> !ALLOWED.get(from).contains(p))
                .forEach(p -> forbidden.computeIfAbsent(from, k -> new TreeSet<>()).add(p)));
        assertEquals(Map.of(), forbidden, "package -> packages it must not use");
    }

    @Test
    void noPackageCycle() throws IOException {
        Map<String, Set<String>> uses = packageDependencies();
        for (String start : uses.keySet()) {
            List<String> cycle = cycleFrom(start, start, uses, new ArrayList<>(List.of(start)), new LinkedHashSet<>());
            assertEquals(List.of(), cycle, "a package cycle");
        }
    }

    /** Inside the monitor, only what runs on its thread and drives DISM knows the session; readers cannot reach it. */
    @Test
    void onlyTheMonitorsRunnersCallDism() throws IOException {
        Set<String> callers = new TreeSet<>();
        for (Path file : filesIn("monitor")) {
            if (contains(file, "DismSession")) {
                callers.add(file.getFileName().toString());
            }
        }
        assertEquals(Set.of("Cleanup.java", "DismMonitor.java", "MountOperations.java", "RefreshLoop.java", "Remounts.java", "Unmounts.java"), callers);
    }

    /** The diff builds snapshots; a snapshot knows nothing of how it was diffed (the dependency goes one way). */
    @Test
    void theSnapshotDoesNotKnowItsDiff() {
        assertTrue(!contains(SOURCES.resolve("monitor/Snapshot.java"), "SnapshotDiff"));
    }

    @Test
    void theWindowsPathLimitIsWrittenOnce() throws IOException {
        List<Path> writers = filesOutside("").stream().filter(f -> contains(f, "32_767") || contains(f, "32767")).toList();
        assertEquals(List.of(SOURCES.resolve("dism/MountPath.java")), writers);
    }

    @Test
    void smallClasses() throws IOException {
        Map<String, Long> large = new TreeMap<>();
        for (Path file : filesOutside("")) {
            long code = linesOfCode(file);
            if (code > 300) {
                large.put(SOURCES.relativize(file).toString(), code);
            }
        }
        assertEquals(Map.of(), large, "lines of code (neither blank nor comment) over 300");
        long monitor = Files.readAllLines(SOURCES.resolve("monitor/DismMonitor.java")).size();
        assertTrue(monitor < 250, "DismMonitor has " + monitor + " lines; its jobs belong in classes of their own");
    }

    /** For each package of core, the other packages of core its sources name (imports and qualified names). */
    private static Map<String, Set<String>> packageDependencies() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (Path file : filesOutside("")) {
            Path relative = SOURCES.relativize(file);
            String from = relative.getNameCount() == 1 ? ROOT : relative.getName(0).toString();
            Set<String> to = uses.computeIfAbsent(from, k -> new TreeSet<>());
            Matcher m = REFERENCE.matcher(Files.readString(file));
            while (m.find()) {
                if (!m.group(1).equals(from)) {
                    to.add(m.group(1));
                }
            }
            if (!from.equals(ROOT) && Pattern.compile("import io\\.github\\.dismagent\\.[A-Z]").matcher(Files.readString(file)).find()) {
                to.add(ROOT);
            }
        }
        return uses;
    }

    private static List<String> cycleFrom(String start, String at, Map<String, Set<String>> uses, List<String> path, Set<String> seen) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return cycle;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> found = cycleFrom(start, next, uses, path, seen);
                if (!found.isEmpty()) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return List.of();
    }

    private static long linesOfCode(Path file) throws IOException {
        boolean inComment = false;
        long code = 0;
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (inComment) {
                inComment = !line.contains("*/");
                continue;
            }
            if (line.isEmpty() || line.startsWith("//")) {
                continue;
            }
            if (line.startsWith("/*")) {
                inComment = !line.contains("*/");
                continue;
            }
            code++;
        }
        return code;
    }

    private static List<Path> filesIn(String packageName) throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES.resolve(packageName))) {
            List<Path> found = files.filter(f -> f.toString().endsWith(".java")).toList();
            assertTrue(!found.isEmpty(), "the package " + packageName + " has its sources");
            return found;
        }
    }

    /** Every source outside this package; all of them for "". */
    private static List<Path> filesOutside(String packageName) throws IOException {
        assertTrue(Files.isDirectory(SOURCES), "run from the core module: " + SOURCES.toAbsolutePath());
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> packageName.isEmpty() || !SOURCES.relativize(f).startsWith(packageName))
                    .sorted()
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
