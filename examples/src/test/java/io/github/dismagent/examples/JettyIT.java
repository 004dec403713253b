package io.github.dismagent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.emulator.EmulatorLibrary;
import io.github.dismagent.emulator.EmulatorState;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.testing.Eventually;
import io.github.dismagent.testing.Requirements;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent in a real Jetty 12 (jetty-home from Maven Central) with the http and jmx modules, started
 * with {@code java -javaagent:... -jar start.jar} in a Jetty base of its own. Jetty logs through its
 * own SLF4J implementation to the console and installs no java.util.logging log manager, so the
 * agent's lines are on the same console, with their level, in the agent's format.
 */
class JettyIT {
    private static final String IMAGES = "io.github.dismagent:type=DismImages";

    @TempDir
    Path work;

    @Test
    void jettyServesItsPortWhileTheAgentServesMetricsAndMBeansWithNoNewProblemsInItsLog() throws Exception {
        Path home = Path.of(System.getProperty("dismagent.jetty.home", "target/no-such-jetty"));
        Requirements.require(Files.isRegularFile(home.resolve("start.jar")), "Jetty 12 (jetty-home), unpacked by the build from Maven Central");
        Path base = Files.createDirectories(work.resolve("jetty-base"));
        Process setUp = new ProcessBuilder(java(), "-jar", home.resolve("start.jar").toString(), "--add-modules=http,jmx")
                .directory(base.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("add-modules.log").toFile()).start();
        assertTrue(setUp.waitFor(2, TimeUnit.MINUTES) && setUp.exitValue() == 0, ServerProcess.read(work.resolve("add-modules.log")));

        Set<String> baseline;
        try (ServerProcess plain = start(home, base, "without-agent", List.of())) {
            baseline = problems(plain.console());
        }

        int agentPort = Demo.freePort();
        EmulatorState state = new EmulatorState(work.resolve("state.tsv"));
        state.write(new StateFileText().mount("C:\\Mount\\ok", "D:\\ok.wim", 1, "ReadWrite", "Ok")
                .mount("C:\\Mount\\remount", "D:\\remount.wim", 1, "ReadWrite", "NeedsRemount"));
        try (ServerProcess jetty = start(home, base, "with-agent", List.of("-javaagent:" + System.getProperty("dismagent.agent.jar")
                + "=port=" + agentPort + ",interval=2s", "-Djna.library.path=" + EmulatorLibrary.directory()), state)) {
            Eventually.await("the agent's metrics", () -> Demo.fetch("http://127.0.0.1:" + agentPort + "/metrics")
                    .contains("dism_images{status=\"needs_remount\"} 1.0"), Duration.ofMinutes(2));
            try (JMXConnector connector = jetty.localJmx()) {
                MBeanServerConnection jmx = connector.getMBeanServerConnection();
                Eventually.await("the agent's MBeans", () -> ServerProcess.registered(jmx, IMAGES), Duration.ofMinutes(1));
                assertEquals(2, jmx.getAttribute(new ObjectName(IMAGES), "MountedCount"));
                assertTrue(!jmx.queryNames(new ObjectName("org.eclipse.jetty.server:type=server,*"), null).isEmpty(),
                        "Jetty's own MBeans are there too");
            }
            state.write(new StateFileText().fail("DismGetMountedImageInfo", 0x80004005, "injected by JettyIT"));
            Eventually.await("the agent's warning", () -> jetty.console().contains(" WARN  dismagent DismMonitor: DISM is unavailable"),
                    Duration.ofMinutes(1));
            String console = jetty.console();
            assertTrue(console.contains(" INFO  dismagent AgentRuntime: MBeans registered as " + IMAGES), console);
            Set<String> added = problems(console);
            added.removeAll(baseline);
            added.removeIf(line -> line.contains("dismagent DismMonitor: DISM is unavailable")); // the one caused on purpose
            assertTrue(added.isEmpty(), "new warnings or errors with the agent: " + added + "\n" + console);
        }
    }

    private ServerProcess start(Path home, Path base, String label, List<String> jvmArguments, EmulatorState... state) throws Exception {
        int httpPort = Demo.freePort();
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmArguments);
        command.addAll(List.of("-jar", home.resolve("start.jar").toString(), "jetty.http.port=" + httpPort, "jetty.http.host=127.0.0.1"));
        Map<String, String> environment = state.length == 0 ? Map.of() : Map.of(EmulatorState.ENVIRONMENT_VARIABLE, state[0].file().toString());
        Path console = work.resolve(label + ".log");
        ServerProcess jetty = ServerProcess.start(command, environment, console, false, base);
        try {
            jetty.awaitAny(console, Duration.ofMinutes(2), "Started oejs.Server");
            assertTrue(jetty.isAlive() && jetty.console().contains("Started oejs.Server"), jetty.console());
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(answer.headers().firstValue("Server").orElse("").startsWith("Jetty(12."), "Jetty answers on its own port: "
                    + answer.headers());
            return jetty;
        } catch (AssertionError | Exception e) {
            jetty.close();
            throw e;
        }
    }

    /** WARN and ERROR lines without their time stamps and numbers, to compare two runs. */
    private static Set<String> problems(String console) {
        return console.lines().filter(l -> l.contains("WARN") || l.contains("ERROR"))
                .map(l -> l.replaceFirst("^\\S+ \\S+", "").replaceAll("\\d+", "#")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String java() {
        return Path.of(ServerProcess.javaHome(), "bin", "java").toString();
    }
}
