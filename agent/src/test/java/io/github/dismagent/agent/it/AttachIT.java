package io.github.dismagent.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.testing.ChildJvm;
import io.github.dismagent.testing.Eventually;
import io.github.dismagent.testing.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code java -jar dismagent.jar attach <pid>} and {@code list}, against real JVMs. */
class AttachIT {
    @RegisterExtension
    final AgentHostExtension hosts = AgentHostExtension.compiling("plain");

    private ChildJvm.Result cli(String... arguments) {
        return cli(ItSettings.javaHome(), arguments);
    }

    private ChildJvm.Result cli(Path javaHome, String... arguments) {
        String[] command = new String[arguments.length + 2];
        command[0] = "-jar";
        command[1] = ItSettings.agentJar().toString();
        System.arraycopy(arguments, 0, command, 2, arguments.length);
        return new ChildJvm().javaHome(javaHome.toString()).classPath("").command(command)
                .run(hosts.work().resolve("cli-" + System.nanoTime() + ".out"), Duration.ofMinutes(1));
    }

    @Test
    void attachesToARunningJvmWhichThenServesMetricsAndMBeans() throws Exception {
        try (AgentHost host = hosts.host().withoutAgent().main("PlainHost", "120000", "0").start()) {
            host.awaitOutput("HOST STARTED");
            Eventually.await("the host is listed", () -> cli("list").output().contains(host.pid() + "\tPlainHost"));

            ChildJvm.Result attached = cli("attach", Long.toString(host.pid()), "port=0,interval=1s");

            assertEquals(0, attached.exitCode(), attached.output());
            host.awaitOutput("dismagent 0.1.0-SNAPSHOT starting (attach)");
            host.awaitOutput("MBeans registered");
            // What the target JVM says, with the port it really chose (port=0), not the default's URL.
            assertTrue(attached.output().contains("dismagent is running in JVM " + host.pid() + ": http://127.0.0.1:" + host.port()
                    + "/metrics; MBeans: io.github.dismagent:type=DismImages"), attached.output());
            Eventually.await("/metrics answers", () -> {
                try {
                    return host.get("/metrics").body().contains("dism_images{status=\"invalid\"} 1.0");
                } catch (Exception e) {
                    return false;
                }
            });
            assertEquals(3, host.jmx().getAttribute(AgentHost.IMAGES, "MountedCount"));

            ChildJvm.Result again = cli("attach", Long.toString(host.pid()), "port=0");
            assertEquals(0, again.exitCode(), again.output());
            assertTrue(again.output().contains("dismagent was already running in JVM " + host.pid() + ": this load was ignored and its "
                    + "options were not applied"), again.output());
            assertTrue(again.output().contains("It reports: running: http://127.0.0.1:" + host.port() + "/metrics"), again.output());
            assertFalse(again.output().contains("9781"), again.output());
            host.awaitOutput("dismagent is already running in this JVM; this second load (attach with 'port=0') is ignored");
        }
    }

    @Test
    void wrongProcessIdsGetClearErrors() throws Exception {
        ChildJvm.Result notANumber = cli("attach", "abc");
        assertEquals(2, notANumber.exitCode());
        assertTrue(notANumber.output().contains("'abc' is not a process id"), notANumber.output());

        ChildJvm.Result noSuchProcess = cli("attach", "2147483000");
        assertEquals(1, noSuchProcess.exitCode());
        assertTrue(noSuchProcess.output().contains("there is no process 2147483000 on this machine"), noSuchProcess.output());

        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            ChildJvm.Result notAJvm = cli("attach", Long.toString(sleep.pid()));
            assertEquals(1, notAJvm.exitCode());
            assertTrue(notAJvm.output().contains("cannot attach to process " + sleep.pid()), notAJvm.output());
            assertTrue(notAJvm.output().contains("it may not be a JVM"), notAJvm.output());
        } finally {
            sleep.destroyForcibly();
        }

        ChildJvm.Result usage = cli();
        assertEquals(2, usage.exitCode());
        assertTrue(usage.output().contains("usage:"), usage.output());
    }

    @Test
    void anOptionStringLongerThanTheAttachApiTakesIsReportedAsSuch() throws Exception {
        try (AgentHost host = hosts.host().withoutAgent().main("PlainHost", "60000", "0").start()) {
            host.awaitOutput("HOST STARTED");

            ChildJvm.Result result = cli("attach", Long.toString(host.pid()), "port=0,jmxDomain=" + "d".repeat(1100));

            if (Runtime.version().feature() == 17) {
                assertEquals(1, result.exitCode(), "JDK 17's HotSpot takes at most 1,024 bytes:\n" + result.output());
            }
            if (result.exitCode() == 0) {
                // Newer HotSpot attach protocols take longer arguments (seen on JDK 25): the agent simply loads.
                assertTrue(result.output().contains("dismagent is running in JVM " + host.pid()), result.output());
            } else {
                assertEquals(1, result.exitCode(), result.output());
                assertTrue(result.output().contains("the JDK's Attach API takes at most 1023"), result.output());
                assertTrue(result.output().contains("config=<that file>"), result.output());
                assertFalse(result.output().contains("may not be a JVM"), result.output());
            }
        }
    }

    @Test
    void badOptionsAreRefusedBeforeAnythingIsAttached() throws Exception {
        try (AgentHost host = hosts.host().withoutAgent().main("PlainHost", "60000", "0").start()) {
            host.awaitOutput("HOST STARTED");

            ChildJvm.Result refused = cli("attach", Long.toString(host.pid()), "port=abc");

            assertEquals(2, refused.exitCode());
            assertTrue(refused.output().contains("option problem: port=abc (agent argument): not a port"), refused.output());
            assertTrue(refused.output().contains("Nothing was attached"), refused.output());
            Thread.sleep(1000);
            assertFalse(host.output().contains("dismagent 0.1.0-SNAPSHOT starting"), host.output());
        }
    }

    @Test
    void aJvmOfAnotherUserIsNamedAsSuch() throws Exception {
        // Root may attach to any user's JVM; an ordinary user may not attach to root's. So the host
        // runs as root and the command as nobody.
        boolean root = "root".equals(System.getProperty("user.name"));
        Path runuser = Files.isExecutable(Path.of("/usr/sbin/runuser")) ? Path.of("/usr/sbin/runuser") : Path.of("/sbin/runuser");
        Requirements.require(root && Files.isExecutable(runuser), "root and runuser (util-linux), to run the command as another user");
        try (AgentHost host = hosts.host().withoutAgent().main("PlainHost", "60000", "0").start()) {
            host.awaitOutput("HOST STARTED");
            Path output = hosts.work().resolve("nobody.out");
            Process cli = new ProcessBuilder(runuser.toString(), "-u", "nobody", "--", ItSettings.javaHome().resolve("bin/java").toString(),
                    "-jar", ItSettings.agentJar().toString(), "attach", Long.toString(host.pid()))
                    .directory(Path.of("/tmp").toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertTrue(cli.waitFor(1, TimeUnit.MINUTES), "the command ended");

            assertEquals(1, cli.exitValue(), read(output));
            assertTrue(read(output).contains("it runs as root and this command as nobody; the Attach API only reaches JVMs of the same user"),
                    read(output));
            assertFalse(host.output().contains("dismagent 0.1.0-SNAPSHOT starting"), host.output());
        }
    }

    @Test
    void aRuntimeWithoutTheAttachApiIsToldSo() throws Exception {
        Path runtime = hosts.work().resolve("jre-without-attach");
        Process jlink = new ProcessBuilder(ItSettings.javaHome().resolve("bin/jlink").toString(), "--add-modules",
                "java.base,java.management,java.instrument,java.logging", "--output", runtime.toString())
                .redirectErrorStream(true).redirectOutput(hosts.work().resolve("jlink.out").toFile()).start();
        assertTrue(jlink.waitFor(2, TimeUnit.MINUTES) && jlink.exitValue() == 0, read(hosts.work().resolve("jlink.out")));

        ChildJvm.Result result = cli(runtime, "list");

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("has no Attach API (module jdk.attach)"), result.output());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return "";
        }
    }
}
