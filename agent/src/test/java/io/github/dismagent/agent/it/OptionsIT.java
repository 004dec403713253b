package io.github.dismagent.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.testing.Eventually;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad options and a taken port: the host starts, runs its main to the end, keeps its exit status. */
class OptionsIT {
    private static final ObjectName IMAGES = AgentHost.IMAGES;

    @RegisterExtension
    final AgentHostExtension hosts = AgentHostExtension.compiling("plain");

    @Test
    void badOptionsAreReportedOneLineEachAndTheHostRunsToItsEnd() throws Exception {
        try (AgentHost host = hosts.host().agentOptions("port=abc,interval=-5s,bind=999.1.1.1,prot=1,readOnly=yes")
                .main("PlainHost", "3000", "3").start()) {
            assertEquals(3, host.awaitExit(Duration.ofSeconds(30)), "the host's own exit status");
            String output = host.output();
            assertTrue(output.contains("HOST DONE"), output);
            assertLine(output, "port=abc (agent argument): not a port; expected a number from 1 to 65535, 0 for any free port, or -1 "
                    + "for no HTTP; using the default, 9781");
            assertLine(output, "interval=-5s (agent argument): '-5s' is not a duration: expected a whole number followed by ms, s, m or h");
            assertLine(output, "bind=999.1.1.1 (agent argument): not an IPv4 address (999 is more than 255)");
            assertLine(output, "unknown option 'prot' (agent argument) (did you mean port?)");
            assertLine(output, "readOnly=yes (agent argument): not a boolean; expected true or false; using the default, false");
            assertFalse(output.contains("\tat "), "no stack trace for a configuration problem:\n" + output);
        }
    }

    @Test
    void aTakenPortIsLoggedJmxWorksAndTheEndpointBindsOnceThePortIsFree() throws Exception {
        ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        int port = taken.getLocalPort();
        try (AgentHost host = hosts.host().agentOptions("port=" + port).main("PlainHost", "120000", "0").start()) {
            host.awaitOutput("HTTP port " + port + " on 127.0.0.1 cannot be bound");
            Eventually.await("JMX works meanwhile", () -> attribute(host, "MountedCount").equals(3));
            assertTrue(((String) attribute(host, "HttpEndpoint")).startsWith("not listening: 127.0.0.1:" + port + " is in use"));

            taken.close();

            host.awaitOutput("Serving http://127.0.0.1:" + port + "/metrics");
            assertEquals(200, host.get("/metrics").statusCode());
            assertEquals("http://127.0.0.1:" + port + "/metrics", attribute(host, "HttpEndpoint"));
        } finally {
            taken.close();
        }
    }

    @Test
    void optionsComeFromArgumentsSystemPropertiesEnvironmentAndTheConfigFileInThatOrder() throws Exception {
        Path config = Files.writeString(hosts.work().resolve("dismagent.properties"),
                "interval=7s\ncallTimeout=9s\nautoRemountMaxAttempts=5\njmxDomain=acme.file\nscratchDir=C:\\Temp\n");
        try (AgentHost host = hosts.host().agentOptions("port=0,interval=1s,config=" + config)
                .jvmArgument("-Ddismagent.interval=2s", "-Ddismagent.callTimeout=3s")
                .environment("DISMAGENT_CALL_TIMEOUT", "4s").environment("DISMAGENT_JMX_DOMAIN", "acme.env")
                .main("PlainHost", "60000", "0").start()) {
            host.awaitOutput("MBeans registered as acme.env:type=DismImages");
            String output = host.output();
            assertLine(output, "interval=1s (agent argument)");
            assertLine(output, "callTimeout=3s (system property dismagent.callTimeout)");
            assertLine(output, "autoRemountMaxAttempts=5 (config file " + config + ")");
            assertLine(output, "jmxDomain=acme.env (environment variable DISMAGENT_JMX_DOMAIN)");
            assertLine(output, "line 5: a single \\ is dropped in a .properties file");
        }
    }

    private static void assertLine(String output, String fragment) {
        assertTrue(output.contains(fragment), "expected '" + fragment + "' in:\n" + output);
    }

    private static Object attribute(AgentHost host, String name) {
        try {
            return host.jmx().getAttribute(IMAGES, name);
        } catch (Exception e) {
            return "";
        }
    }
}
