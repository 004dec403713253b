package io.github.dismagent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.examples.WildFlyServer.Way;
import io.github.dismagent.testing.Eventually;
import io.github.dismagent.testing.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent in real WildFly from Maven Central, every way WildFly and the README let an agent in,
 * each boot pinned to one CPU (where the agent once raced jboss-modules' log manager set-up and
 * WildFly failed to boot 3 times in 4), repeated to catch that race. Each boot is compared with a
 * boot of the same WildFly without the agent.
 */
class WildFlyIT {
    private static final String IMAGES = "io.github.dismagent:type=DismImages";
    private static final Map<Path, Baseline> BASELINES = new HashMap<>();
    private static final List<String> BOOT_TIMES = new ArrayList<>();

    @TempDir
    static Path work;

    record Baseline(Set<String> problems, long bootMillis) {
    }

    @Test
    void bootsWithTheAgentInJavaOptsEveryTimeOnOneCpu() throws Exception {
        Path home = newest();
        for (int boot = 1; boot <= 4; boot++) {
            try (ServerProcess ignored = bootAndCheck(home, "java-opts-" + boot, Way.JAVA_OPTS, true).process) {
                // checked while running
            }
        }
    }

    @Test
    void bootsWithTheAgentInJavaToolOptionsEveryTimeOnOneCpu() throws Exception {
        Path home = newest();
        for (int boot = 1; boot <= 2; boot++) {
            try (ServerProcess ignored = bootAndCheck(home, "tool-options-" + boot, Way.JAVA_TOOL_OPTIONS, true).process) {
                // checked while running
            }
        }
    }

    @Test
    void bootsWithTheAgentInModuleOptsAsStandaloneConfSuggests() throws Exception {
        Path home = newest();
        for (int boot = 1; boot <= 2; boot++) {
            try (ServerProcess ignored = bootAndCheck(home, "module-opts-" + boot, Way.MODULE_OPTS, true).process) {
                // checked while running
            }
        }
    }

    @Test
    void agentLinesReachServerLogAtTheirOwnLevelNotAsStderrErrors() throws Exception {
        Path home = newest();
        WildFlyServer server = bootAndCheck(home, "levels", Way.JAVA_OPTS, false);
        try (ServerProcess ignored = server.process) {
            server.state.write(new StateFileText().mount("C:\\Mount\\ok", "D:\\ok.wim", 1, "ReadWrite", "Ok")
                    .fail("DismGetMountedImageInfo", 0x80004005, "injected by WildFlyIT"));
            Eventually.await("the agent's warning in server.log", () -> server.log().contains("WARN  [io.github.dismagent.DismMonitor]"),
                    Duration.ofMinutes(1));
            String log = server.log();
            assertTrue(log.lines().anyMatch(l -> l.contains("WARN  [io.github.dismagent.DismMonitor]") && l.contains("DISM is unavailable")),
                    log);
            assertFalse(log.lines().anyMatch(l -> l.contains("[stderr]")), "nothing on stderr, so nothing shown as ERROR [stderr]:\n" + log);
        }
    }

    @Test
    void attachIntoARunningWildFlySaysWhereItServes() throws Exception {
        Path home = newest();
        WildFlyServer server = WildFlyServer.boot(home, work, "attach", Way.NO_AGENT, false);
        try (ServerProcess running = server.process) {
            assertTrue(server.log().contains("WFLYSRV0025"), server.log());
            Process cli = new ProcessBuilder(Path.of(ServerProcess.javaHome(), "bin", "java").toString(), "-jar",
                    System.getProperty("dismagent.agent.jar"), "attach", Long.toString(running.javaPid()),
                    "port=" + server.agentPort + ",interval=2s").redirectErrorStream(true).start();
            String said = new String(cli.getInputStream().readAllBytes());
            assertTrue(cli.waitFor(2, TimeUnit.MINUTES));
            assertEquals(0, cli.exitValue(), said);
            assertTrue(said.contains("dismagent is running in JVM " + running.javaPid() + ": http://127.0.0.1:" + server.agentPort
                    + "/metrics; MBeans: " + IMAGES), said);
            checkAgentInside(server, baseline(home));
        }
    }

    @Test
    void theOldestSupportedWildFlyBootsWithTheAgent() throws Exception {
        Path home = oldest();
        for (int boot = 1; boot <= 2; boot++) {
            try (ServerProcess ignored = bootAndCheck(home, "oldest-java-opts-" + boot, Way.JAVA_OPTS, true).process) {
                // checked while running
            }
        }
        try (ServerProcess ignored = bootAndCheck(home, "oldest-module-opts", Way.MODULE_OPTS, true).process) {
            // checked while running
        }
    }

    @AfterAll
    static void reportBootTimes() {
        System.out.println("WildFly boot times (ms, to WFLYSRV0025):\n  " + String.join("\n  ", BOOT_TIMES));
    }

    private static WildFlyServer bootAndCheck(Path home, String label, Way way, boolean pinned) throws Exception {
        Baseline baseline = baseline(home);
        WildFlyServer server = WildFlyServer.boot(home, work, label, way, pinned);
        BOOT_TIMES.add(home.getFileName() + " " + way + (pinned ? " pinned " : " ") + server.bootMillis + " (without the agent "
                + baseline.bootMillis() + ")");
        try {
            String console = server.process.console();
            assertFalse(console.contains("Failed to load the specified log manager"), label + ": WildFly's log manager was not installed:\n"
                    + console);
            assertFalse(console.contains("LogManager accessed before"), console);
            assertTrue(server.log().contains("WFLYSRV0025"), label + ": WildFly did not boot normally:\n" + console + server.log());
            checkAgentInside(server, baseline);
            return server;
        } catch (AssertionError | Exception e) {
            server.process.close();
            throw e;
        }
    }

    /** WildFly's own page, the agent's /metrics, its MBeans beside WildFly's, its lines in server.log, no new problems. */
    private static void checkAgentInside(WildFlyServer server, Baseline baseline) throws Exception {
        String page = Demo.fetch("http://127.0.0.1:" + server.httpPort() + "/");
        assertTrue(page.contains("Welcome to WildFly"), "WildFly's own page:\n" + page);
        Eventually.await("the agent's metrics", () -> Demo.fetch("http://127.0.0.1:" + server.agentPort + "/metrics")
                .contains("dism_images{status=\"needs_remount\"} 1.0"), Duration.ofMinutes(2));
        try (JMXConnector connector = server.process.localJmx()) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            Eventually.await("the agent's MBeans", () -> ServerProcess.registered(jmx, IMAGES), Duration.ofMinutes(2));
            assertEquals(2, jmx.getAttribute(new ObjectName(IMAGES), "MountedCount"));
            assertTrue(ServerProcess.registered(jmx, "jboss.as:management-root=server"), "in WildFly's own MBeanServer, beside its MBeans");
        }
        Eventually.await("the agent's lines in server.log", () -> server.log().contains("INFO  [io.github.dismagent.AgentRuntime]")
                && server.log().contains("MBeans registered as " + IMAGES), Duration.ofMinutes(1));
        String log = server.log();
        assertFalse(log.lines().anyMatch(l -> l.contains("[stderr]") && l.contains("dismagent")), "agent lines shown as stderr:\n" + log);
        Set<String> newProblems = new TreeSet<>(WildFlyServer.problems(log));
        newProblems.removeAll(baseline.problems());
        assertTrue(newProblems.isEmpty(), "new warnings or errors with the agent: " + newProblems + "\n" + log);
    }

    private static synchronized Baseline baseline(Path home) throws Exception {
        Baseline known = BASELINES.get(home);
        if (known != null) {
            return known;
        }
        WildFlyServer server = WildFlyServer.boot(home, work, "baseline-" + home.getFileName(), Way.NO_AGENT, true);
        try (ServerProcess ignored = server.process) {
            assertTrue(server.log().contains("WFLYSRV0025"), "WildFly without the agent:\n" + server.process.console());
            Baseline baseline = new Baseline(WildFlyServer.problems(server.log()), server.bootMillis);
            BASELINES.put(home, baseline);
            return baseline;
        }
    }

    private static Path newest() {
        return home("dismagent.wildfly.home", "WildFly (newest), unpacked by the build from Maven Central");
    }

    private static Path oldest() {
        return home("dismagent.wildfly.oldest.home", "WildFly (oldest supported), unpacked by the build from Maven Central");
    }

    private static Path home(String property, String what) {
        Path home = Path.of(System.getProperty(property, "target/no-such-wildfly"));
        Requirements.require(Files.isRegularFile(home.resolve("bin/standalone.sh")), what);
        Requirements.require(ServerProcess.tasksetAvailable(), "taskset (util-linux), to pin WildFly to one CPU");
        return home;
    }
}
