package io.github.dismagent.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.emulator.EmulatorTrace;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.testing.Eventually;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code -javaagent} into an ordinary host: what it serves, what the host sees, and that the host is unharmed. */
class AgentStartupIT {
    @RegisterExtension
    final AgentHostExtension hosts = AgentHostExtension.compiling("plain");

    @Test
    void servesTheContractsEndpointsAndMBeansOverTheEmulator() throws Exception {
        try (AgentHost host = hosts.host().main("PlainHost", "60000", "0").start()) {
            host.awaitOutput("MBeans registered as io.github.dismagent:type=DismImages");
            Eventually.await("the first read", () -> host.serves("dism_up 1.0"));

            HttpResponse<String> metrics = host.get("/metrics");
            assertEquals(200, metrics.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(metrics.body().contains("dism_images{status=\"needs_remount\"} 1.0"), metrics.body());
            HttpResponse<String> openMetrics = host.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8");
            assertTrue(openMetrics.headers().firstValue("Content-Type").orElseThrow().startsWith("application/openmetrics-text"));
            assertTrue(openMetrics.body().endsWith("# EOF\n"));
            assertEquals(200, host.get("/-/healthy").statusCode());
            HttpResponse<String> page = host.get("/");
            assertTrue(page.body().contains("<td>C:\\Mount\\remount</td>"), page.body());
            assertEquals(404, host.get("/nowhere").statusCode());
            HttpResponse<String> post = host.request("POST", "/metrics");
            assertEquals(405, post.statusCode());
            assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
            assertEquals(405, host.request("DELETE", "/").statusCode());

            MBeanServerConnection jmx = host.jmx();
            ObjectName images = AgentHost.IMAGES;
            assertEquals(3, jmx.getAttribute(images, "MountedCount"));
            assertEquals("http://127.0.0.1:" + host.port() + "/metrics", jmx.getAttribute(images, "HttpEndpoint"));
            String result = (String) jmx.invoke(images, "remount", new Object[] {"C:\\Mount\\remount"}, new String[] {String.class.getName()});
            assertTrue(result.startsWith("Remounted C:\\Mount\\remount"), result);
            assertEquals("Ok", host.state().statusOf("C:\\Mount\\remount"));
            host.awaitOutput("JMX remount('C:\\Mount\\remount') by ");
        }
    }

    @Test
    void addsNoClassOfItsOwnOrOfItsDependenciesToTheHostsClassPath() throws Exception {
        try (AgentHost host = hosts.host().main("PlainHost", "3000", "0").start()) {
            host.awaitOutput("MBeans registered");
            host.awaitOutput("HOST DONE");
            for (String name : List.of("com.sun.jna.Native", "io.micrometer.core.instrument.MeterRegistry", "org.slf4j.LoggerFactory",
                    "io.prometheus.metrics.model.registry.PrometheusRegistry", "io.github.dismagent.agent.AgentRuntime",
                    "io.github.dismagent.monitor.DismMonitor")) {
                assertTrue(host.output().contains("NOT VISIBLE " + name), name + ":\n" + host.output());
            }
        }
    }

    @Test
    void theHostEndsAsItWouldWithoutTheAgentEvenWhileDismHangs() throws Exception {
        StateFileText slow = new StateFileText().delay("DismInitialize", Duration.ofSeconds(60));
        try (AgentHost host = hosts.host().mountTable(slow).main("PlainHost", "500", "0").start()) {
            assertEquals(0, host.awaitExit(Duration.ofSeconds(20)), "main returned, and the agent's threads did not keep the JVM alive");
            assertTrue(host.output().contains("HOST DONE"));
        }
        try (AgentHost host = hosts.host().main("PlainHost", "200", "3").start()) {
            assertEquals(3, host.awaitExit(Duration.ofSeconds(20)), "the host's own exit status");
        }
    }

    @Test
    void atExitTheAgentClosesWhatItOpenedAndShutsDismDownLast() throws Exception {
        try (AgentHost host = hosts.host().main("PlainHost", "4000", "0").start()) {
            host.awaitOutput("MBeans registered");
            Eventually.await("the first read", () -> host.trace().count("DismGetMountedImageInfo") > 0);
            assertEquals(0, host.awaitExit(Duration.ofSeconds(30)), host.output());
            List<EmulatorTrace.Call> calls = host.trace().calls();
            EmulatorTrace.Call last = calls.get(calls.size() - 1);
            assertEquals("DismShutdown", last.function(), "the session is closed after the monitor stopped reading: " + calls);
            assertTrue(last.succeeded(), calls.toString());
            assertFalse(host.output().contains("Closing the"), "no close failed:\n" + host.output());
        }
    }

    @Test
    void withoutDismTheHostRunsAndTheAgentSaysWhyInOneLine() throws Exception {
        try (AgentHost host = hosts.host().withoutEmulator().main("PlainHost", "60000", "0").start()) {
            Eventually.await("dism_up 0 is served", () -> host.serves("dism_up 0.0"));
            host.awaitOutput("DISM is unavailable: No DISM library could be loaded.");
            String output = host.output();
            long lines = output.lines().filter(l -> l.contains("DISM is unavailable")).count();
            assertEquals(1, lines, "one line, not one per interval:\n" + output);
            assertTrue(output.contains("jna.library.path"), "it says what to do:\n" + output);
            assertFalse(output.contains("\tat "), "no stack trace for an expected condition:\n" + output);
            assertEquals(false, host.jmx().getAttribute(AgentHost.IMAGES, "Available"));
        }
    }

    @Test
    void aSecondLoadIsALoggedNoOp() throws Exception {
        try (AgentHost host = hosts.host().jvmArgument("-javaagent:" + ItSettings.agentJar() + "=port=0")
                .main("PlainHost", "60000", "0").start()) {
            host.awaitOutput("dismagent is already running in this JVM; this second load (-javaagent with 'port=0') is ignored");
            host.awaitOutput("MBeans registered");
            assertEquals(1, host.output().lines().filter(l -> l.contains("Serving http://")).count());
        }
    }

    @Test
    void logsToTheFileNamedByLogFileInsteadOfStderr() throws Exception {
        Path log = hosts.work().resolve("dismagent.log");
        try (AgentHost host = hosts.host().agentOptions("port=0,logFile=" + log)
                .main("PlainHost", "60000", "0").start()) {
            Eventually.await("the log file has the start lines", () -> read(log).contains("MBeans registered as io.github.dismagent:type=DismImages"));
            assertTrue(read(log).contains("logFile=" + log + " (agent argument)"), read(log));
            assertFalse(host.output().contains("dismagent AgentRuntime"), "nothing on stderr:\n" + host.output());
        }
    }

    private static String read(Path file) {
        try {
            return java.nio.file.Files.exists(file) ? java.nio.file.Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

}
