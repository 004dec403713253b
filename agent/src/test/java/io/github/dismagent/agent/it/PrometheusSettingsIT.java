package io.github.dismagent.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host's Prometheus client settings do not change what the agent exports. */
class PrometheusSettingsIT {
    @TempDir
    Path work;

    @Test
    void theHostsPrometheusPropertiesEnvironmentAndSystemPropertiesDoNotChangeTheOutput() throws Exception {
        Path host = HostPrograms.compile("plain", work, List.of());
        Files.writeString(host.resolve("prometheus.properties"), "io.prometheus.exporter.includeCreatedTimestamps=true\n");
        try (AgentHost running = AgentHost.in(work).classPath(host)
                .environment("IO_PROMETHEUS_EXPORTER_PROMETHEUS_TIMESTAMPS_IN_MS", "true")
                .jvmArgument("-Dio.prometheus.exporter.includeCreatedTimestamps=true")
                .main("PlainHost", "60000", "0").start()) {
            running.awaitOutput("MBeans registered");
            Eventually.await("metrics", () -> body(running, "text/plain").contains("dism_up 1.0"));

            String openMetrics = body(running, "application/openmetrics-text; version=1.0.0");
            assertFalse(openMetrics.contains("_created"), "no created timestamps although the host asks for them:\n" + openMetrics);
            assertTrue(openMetrics.contains("dism_remount_total{result=\"success\",trigger=\"manual\"} 0.0\n"), openMetrics);
        }
    }

    @Test
    void aHostSettingTheClientDoesNotKnowStopsOnlyMetricsWithOneClearLine() throws Exception {
        Path host = HostPrograms.compile("plain", work, List.of());
        try (AgentHost running = AgentHost.in(work).classPath(host).jvmArgument("-Dio.prometheus.exporter.fromTheFuture=true")
                .main("PlainHost", "60000", "0").start()) {
            running.awaitOutput("MBeans registered");
            running.awaitOutput("The Prometheus registry cannot be created because of the host's Prometheus client settings "
                    + "(io.prometheus.exporter.fromTheFuture: Unknown property)");
            Object endpoint = running.jmx().getAttribute(AgentHost.IMAGES, "HttpEndpoint");
            assertEquals("disabled: the Prometheus registry could not be created (see the log)", endpoint);
        }
    }

    private static String body(AgentHost host, String accept) {
        try {
            return host.get("/metrics", "Accept", accept).body();
        } catch (Exception e) {
            return "";
        }
    }
}
