package io.github.dismagent.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent inside hosts that have their own versions of its libraries, their own logging, their own agents. */
class HostCoexistenceIT {
    @TempDir
    Path work;

    @Test
    void aHostWithOlderJnaMicrometerPrometheusAndSlf4jRunsUnharmedBesideTheAgent() throws Exception {
        List<Path> libraries = List.of(ItSettings.lib("jna-4.5.2.jar"), ItSettings.lib("micrometer-core-1.5.17.jar"),
                ItSettings.lib("micrometer-registry-prometheus-1.5.17.jar"), ItSettings.lib("simpleclient-0.8.1.jar"),
                ItSettings.lib("simpleclient_common-0.8.1.jar"), ItSettings.lib("HdrHistogram-2.1.12.jar"),
                ItSettings.lib("LatencyUtils-2.0.3.jar"), ItSettings.lib("slf4j-api-1.7.36.jar"), ItSettings.lib("slf4j-simple-1.7.36.jar"));
        Path host = HostPrograms.compile("conflicting", work, libraries);
        Path[] classPath = java.util.stream.Stream.concat(java.util.stream.Stream.of(host), libraries.stream()).toArray(Path[]::new);

        try (AgentHost running = AgentHost.in(work).classPath(classPath).main("ConflictingHost", "4000").start()) {
            running.awaitOutput("HOST MICROMETER");
            Eventually.await("the agent's metrics", () -> body(running).contains("dism_images{status=\"ok\"} 1.0"));
            String metrics = body(running);
            assertTrue(metrics.contains("dismagent_build_info{backend=\"DismAPI emulator at "), metrics);
            assertFalse(metrics.contains("host_requests"), "the agent's registry is its own");
            assertEquals(0, running.awaitExit(Duration.ofSeconds(30)));
            String output = running.output();
            assertTrue(output.contains("jna=4.5.2"), "the host's own JNA:\n" + output);
            assertTrue(output.matches("(?s).*HOST JNA getpid=(\\d+) pid=\\1 .*"), output);
            assertTrue(output.contains("HOST MICROMETER host_requests_total 3.0"), output);
            assertTrue(output.contains("HOST SEES jna-4.5.2.jar micrometer-core-1.5.17.jar slf4j-api-1.7.36.jar"), output);
            assertTrue(output.contains("HOST SLF4J org.slf4j.impl.SimpleLoggerFactory"), output);
            assertTrue(output.contains("host still logging"), output);
            assertTrue(output.contains("HOST DONE"), output);
        }
    }

    /**
     * Real WildFly (examples' WildFlyIT) sets java.util.logging.manager in jboss-modules' main(); this
     * host names its log manager on the command line and loads it from a class loader of its own later,
     * as older JBoss scripts and other launchers do: the other path of HostReadiness, which no real
     * server in the tests takes.
     */
    @Test
    void aHostNamingALateLoadedLogManagerOnTheCommandLineSetsItUpFirst() throws Exception {
        Path logManager = HostPrograms.compile("jboss-logmanager", work, List.of());
        Path host = HostPrograms.compile("jboss", work, List.of());

        try (AgentHost running = AgentHost.in(work).classPath(host).jvmArgument("-Djava.util.logging.manager=hostlog.HostLogManager")
                .main("JbossStyleHost", logManager.toString(), "3000").start()) {
            assertEquals(0, running.awaitExit(Duration.ofSeconds(60)));
            String output = running.output();
            assertTrue(output.contains("HOST LOG MANAGER hostlog.HostLogManager"), "the agent did not set up java.util.logging first:\n" + output);
            assertTrue(output.contains("HOST SEES AGENT MBEAN true"), "and it started once the host was ready:\n" + output);
            assertTrue(output.contains("Waiting for the host's log manager hostlog.HostLogManager"), output);
        }
    }

    @Test
    void coexistsWithPrometheusJmxExporterWhichSeesItsMBeans() throws Exception {
        Path host = HostPrograms.compile("plain", work, List.of());
        Path config = Files.writeString(work.resolve("jmx_exporter.yaml"), "includeObjectNames: [\"io.github.dismagent:*\"]\n");
        int exporterPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            exporterPort = socket.getLocalPort();
        }
        String exporter = "-javaagent:" + ItSettings.lib("jmx_prometheus_javaagent-1.0.1.jar") + "=127.0.0.1:" + exporterPort + ":" + config;

        try (AgentHost running = AgentHost.in(work).jvmArgument(exporter).classPath(host).main("PlainHost", "60000", "0").start()) {
            running.awaitOutput("MBeans registered");
            Eventually.await("our own endpoint", () -> body(running).contains("dism_images{status=\"needs_remount\"} 1.0"));
            java.net.http.HttpResponse<String> theirs = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + exporterPort + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, theirs.statusCode());
            assertTrue(theirs.body().lines().anyMatch(l -> l.startsWith("io_github_dismagent_DismImages_NeedsRemountCount") && l.endsWith(" 1.0")),
                    theirs.body());
        }
    }

    private static String body(AgentHost host) {
        try {
            return host.get("/metrics").body();
        } catch (Exception e) {
            return "";
        }
    }
}
