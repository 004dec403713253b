package io.github.dismagent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import io.github.dismagent.emulator.EmulatorLibrary;
import io.github.dismagent.emulator.EmulatorState;
import io.github.dismagent.testing.Eventually;
import io.github.dismagent.testing.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent in a real Tomcat (from Maven Central), added through CATALINA_OPTS as users do. Tomcat's
 * JULI is its java.util.logging log manager, so the agent's lines land in Tomcat's own log at their level.
 */
class TomcatIT {
    @TempDir
    Path work;

    @Test
    void tomcatServesItsOwnPageWhileTheAgentServesMetricsAndMBeans() throws Exception {
        Path home = Path.of(System.getProperty("dismagent.tomcat.home", "target/tomcat"));
        Requirements.require(Files.isRegularFile(home.resolve("bin/catalina.sh")), "Apache Tomcat, unpacked by the build from Maven Central");
        int httpPort = Demo.freePort();
        int agentPort = Demo.freePort();
        Path base = catalinaBase(home, httpPort);
        EmulatorState state = new EmulatorState(work.resolve("state.tsv"));
        state.write(new io.github.dismagent.emulator.StateFileText()
                .mount("C:\\Mount\\ok", "D:\\ok.wim", 1, "ReadWrite", "Ok")
                .mount("C:\\Mount\\remount", "D:\\remount.wim", 1, "ReadWrite", "NeedsRemount"));
        Path output = work.resolve("catalina.out");
        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/catalina.sh").toString(), "run")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("CATALINA_HOME", home.toString());
        builder.environment().put("CATALINA_BASE", base.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("dismagent.it.java.home", System.getProperty("java.home")));
        builder.environment().put("CATALINA_OPTS", "-javaagent:" + System.getProperty("dismagent.agent.jar") + "=port=" + agentPort
                + ",interval=2s -Djna.library.path=" + EmulatorLibrary.directory());
        builder.environment().put(EmulatorState.ENVIRONMENT_VARIABLE, state.file().toString());
        Process tomcat = builder.start();
        try {
            Eventually.await("Tomcat started", () -> read(output).contains("Server startup in") || !tomcat.isAlive());
            assertTrue(tomcat.isAlive(), read(output));

            String page = Demo.fetch("http://127.0.0.1:" + httpPort + "/");
            assertTrue(page.contains("Apache Tomcat"), "Tomcat's own page:\n" + page);
            Eventually.await("the agent's metrics", () -> Demo.fetch("http://127.0.0.1:" + agentPort + "/metrics")
                    .contains("dism_images{status=\"needs_remount\"} 1.0"));

            try (JMXConnector connector = localJmx(tomcat.pid())) {
                MBeanServerConnection jmx = connector.getMBeanServerConnection();
                Eventually.await("the agent's MBeans", () -> registered(jmx, "io.github.dismagent:type=DismImages"));
                assertEquals(2, jmx.getAttribute(new ObjectName("io.github.dismagent:type=DismImages"), "MountedCount"));
                assertTrue(registered(jmx, "Catalina:type=Server"), "Tomcat's own MBeans are there too");
            }
            state.write(new io.github.dismagent.emulator.StateFileText().fail("DismGetMountedImageInfo", 0x80004005, "injected by TomcatIT"));
            Eventually.await("the agent's warning in Tomcat's log", () -> catalinaLog(base).contains(
                    "WARNING [dismagent-monitor] io.github.dismagent.DismMonitor DISM is unavailable"));
            String log = catalinaLog(base);
            assertTrue(log.contains("INFO [dismagent-init] io.github.dismagent.AgentRuntime MBeans registered as "
                    + "io.github.dismagent:type=DismImages"), log);
            assertTrue(log.lines().filter(l -> l.contains(" WARNING ") || l.contains(" SEVERE "))
                    .allMatch(l -> l.contains("io.github.dismagent.DismMonitor DISM is unavailable")),
                    "no other warning or error in Tomcat's log with the agent (there is none without it):\n" + log);
        } finally {
            tomcat.destroy(); // SIGTERM, as the service manager stops it
            assertTrue(tomcat.waitFor(60, TimeUnit.SECONDS), "Tomcat stopped:\n" + read(output));
        }
        assertTrue(read(output).contains("Stopping service [Catalina]"), read(output));
    }

    private static String catalinaLog(Path base) {
        try (Stream<Path> logs = Files.list(base.resolve("logs"))) {
            return logs.filter(p -> p.getFileName().toString().startsWith("catalina.")).map(TomcatIT::read).reduce("", String::concat);
        } catch (IOException e) {
            return "";
        }
    }

    /** A CATALINA_BASE of the test's own: Tomcat's configuration with a free HTTP port and no shutdown port. */
    private Path catalinaBase(Path home, int httpPort) throws IOException {
        Path base = work.resolve("catalina-base");
        for (String dir : new String[] {"logs", "temp", "work", "webapps"}) {
            Files.createDirectories(base.resolve(dir));
        }
        ServerFiles.copyTree(home.resolve("conf"), base.resolve("conf"));
        ServerFiles.copyTree(home.resolve("webapps/ROOT"), base.resolve("webapps/ROOT"));
        Path serverXml = base.resolve("conf/server.xml");
        String xml = Files.readString(serverXml)
                .replace("<Server port=\"8005\"", "<Server port=\"-1\"")
                .replace("<Connector port=\"8080\"", "<Connector port=\"" + httpPort + "\" address=\"127.0.0.1\"");
        Files.writeString(serverXml, xml);
        return base;
    }


    private static JMXConnector localJmx(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            return JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
        } finally {
            vm.detach();
        }
    }

    private static boolean registered(MBeanServerConnection jmx, String name) {
        try {
            return jmx.isRegistered(new ObjectName(name));
        } catch (Exception e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
