package io.github.dismagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.monitor.DismMonitor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, checked on the compiled classes of the agent and the
 * core with the JDK's jdeps (what the bytecode uses, not what a comment mentions).
 */
class AgentArchitectureTest {
    private static final String ROOT = "io.github.dismagent";
    private static final Pattern EDGE = Pattern.compile("^\\s*(" + Pattern.quote(ROOT) + "[\\w.]*)\\s+->\\s+(" + Pattern.quote(ROOT)
            + "[\\w.]*)\\s", Pattern.MULTILINE);
    private static Map<String, Set<String>> uses;

    @BeforeAll
    static void readDependencies() throws URISyntaxException {
        Path agent = Path.of("target/classes");
        Path core = Path.of(DismMonitor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        uses = packageDependencies(agent, core);
        assertTrue(uses.containsKey(ROOT + ".agent.config") && uses.containsKey(ROOT + ".monitor"), "jdeps read both modules: " + uses);
    }

    @Test
    void noPackageCycle() {
        assertEquals(List.of(), cycles(uses));
    }

    @Test
    void theBootstrapUsesNothingOfTheAgentItLoads() {
        // The bootstrap is on the host's class path; anything it used would be loaded there, beside the host's own libraries.
        Set<String> used = new TreeSet<>(uses.getOrDefault(ROOT + ".agent.bootstrap", Set.of()));
        used.remove(ROOT + ".agent.bootstrap");
        assertEquals(Set.of(), used);
    }

    @Test
    void theCycleFinderFindsACycle() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertEquals(List.of("a -> b -> c -> a"), cycles(graph));
    }

    static Map<String, Set<String>> packageDependencies(Path... classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("jdeps: run the tests on a JDK"));
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path location : classes) {
            StringWriter out = new StringWriter();
            int exit = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-filter:none", location.toString());
            assertEquals(0, exit, out.toString());
            Matcher edge = EDGE.matcher(out.toString());
            while (edge.find()) {
                graph.computeIfAbsent(edge.group(1), k -> new TreeSet<>()).add(edge.group(2));
            }
        }
        return graph;
    }

    /** Every cycle through the smallest package name in it, once, as {@code a -> b -> a}. */
    static List<String> cycles(Map<String, Set<String>> graph) {
        List<String> found = new ArrayList<>();
        for (String start : new TreeSet<>(graph.keySet())) {
            walk(graph, start, new ArrayList<>(List.of(start)), found);
        }
        return found;
    }

    private static void walk(Map<String, Set<String>> graph, String start, List<String> path, List<String> found) {
        for (String next : graph.getOrDefault(path.get(path.size() - 1), Set.of())) {
            if (next.equals(start) && path.size() > 1) {
                found.add(String.join(" -> ", path) + " -> " + start);
            } else if (next.compareTo(start) > 0 && !path.contains(next)) {
                path.add(next);
                walk(graph, start, path, found);
                path.remove(path.size() - 1);
            }
        }
    }
}
