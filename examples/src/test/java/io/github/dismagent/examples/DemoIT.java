package io.github.dismagent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.testing.Eventually;
import java.nio.file.Path;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo, as a user meets it. */
class DemoIT {
    @TempDir
    Path work;

    @Test
    void showsAllThreeStatusesRemountsFromJmxFollowsARebootAndStopsOnCtrlC() throws Exception {
        try (Demo demo = new Demo(work).awaitReady()) {
            String output = demo.output();
            assertTrue(output.contains("Prometheus metrics        http://127.0.0.1:" + demo.metricsPort + "/metrics"), output);
            assertTrue(output.contains("JConsole                  jconsole 127.0.0.1:" + demo.jmxPort), output);
            String metrics = demo.metrics();
            assertTrue(metrics.contains("dism_images{status=\"ok\"} 2.0"), metrics);
            assertTrue(metrics.contains("dism_images{status=\"needs_remount\"} 1.0"), metrics);
            assertTrue(metrics.contains("dism_images{status=\"invalid\"} 1.0"), metrics);
            String page = demo.get("http://127.0.0.1:" + demo.metricsPort + "/");
            for (String status : new String[] {">Ok<", ">NeedsRemount<", ">Invalid<"}) {
                assertTrue(page.contains(status), status + " on the status page:\n" + page);
            }
            assertTrue(demo.get("http://127.0.0.1:" + demo.serverPort + "/").contains("Image build server"));

            MBeanServerConnection jmx = demo.jmx();
            ObjectName images = new ObjectName("io.github.dismagent:type=DismImages");
            String result = (String) jmx.invoke(images, "remount", new Object[] {"C:\\Mount\\server2022"}, new String[] {String.class.getName()});
            assertTrue(result.endsWith("it is now Ok."), result);
            assertEquals("Ok", demo.state.statusOf("C:\\Mount\\server2022"));

            String reboot = demo.reboot();
            assertTrue(reboot.contains("C:\\Mount\\server2022: Ok -> NeedsRemount"), reboot);
            Eventually.await("the gauges follow the reboot (interval 5s)", () -> demo.metrics().contains("dism_images{status=\"needs_remount\"} 3.0"));
            assertEquals(3, jmx.getAttribute(images, "NeedsRemountCount"));

            int status = demo.interrupt();
            assertEquals(130, status, "the JVM ended on SIGINT");
            assertTrue(demo.output().contains("Sample deployment server stopped."), demo.output());
        }
    }
}
