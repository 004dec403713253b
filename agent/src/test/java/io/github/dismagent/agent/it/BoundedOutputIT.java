package io.github.dismagent.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.testing.Eventually;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 1,000 images whose mount and image paths are 32,000 characters each, in a real host: every scrape
 * is answered, its label values are bounded, and the heap after a full GC grows by the paths
 * themselves (which JMX keeps whole) and little more, not by copies of them in every view.
 */
class BoundedOutputIT {
    private static final int IMAGES = 1_000;
    private static final int LENGTH = 32_000;
    private static final long MIB = 1024 * 1024;

    @RegisterExtension
    final AgentHostExtension hosts = AgentHostExtension.compiling("working");

    @Test
    void aThousandLongestPathsCostTheirOwnBytesAndScrapesStayBounded() throws Exception {
        long baseline;
        try (AgentHost idle = hosts.host(hosts.work().resolve("idle")).mountTable(new StateFileText())
                .agentOptions("port=0,interval=1h").jvmArgument("-Xmx512m").main("WorkingHost", "600000").start()) {
            idle.awaitOutput("MBeans registered as");
            Eventually.await("the first read", () -> idle.serves("dism_up 1.0"));
            idle.scrape();
            baseline = usedAfterGc(idle.jmx());
        }
        StateFileText table = new StateFileText();
        for (int i = 0; i < IMAGES; i++) {
            String mount = "C:\\Mount\\" + i + "-";
            String image = "D:\\images\\" + i + "-";
            table.mount(mount + "m".repeat(LENGTH - mount.length()), image + "i".repeat(LENGTH - image.length()), 1, "ReadWrite", "Ok");
        }
        try (AgentHost host = hosts.host(hosts.work().resolve("loaded")).mountTable(table)
                .agentOptions("port=0,interval=1h").jvmArgument("-Xmx512m").main("WorkingHost", "600000").start()) {
            host.awaitOutput("MBeans registered as");
            MBeanServerConnection jmx = host.jmx();
            Eventually.await("every image read", () -> mounted(jmx) == IMAGES, Duration.ofMinutes(2));
            Eventually.await("the series of every image", () -> seriesCount(host) == 3L * IMAGES, Duration.ofMinutes(2));
            String metrics = host.scrape();
            assertTrue(metrics.length() < 8 * MIB, "a scrape of " + metrics.length() + " characters");
            String line = metrics.lines().filter(l -> l.startsWith("dism_image_status{")).findFirst().orElseThrow();
            assertTrue(line.length() < 1_000, "a bounded series line: " + line);
            assertTrue(line.contains("…") && line.matches(".*#[0-9a-f]{12}\".*"), "shortened with a marker and a hash: " + line);
            assertEquals(3L * IMAGES, metrics.lines().filter(l -> l.startsWith("dism_image_status{")).map(l -> l.substring(0, l.indexOf('}')).replaceAll("status=\"\\w+\"", ""))
                    .distinct().count() * 3, "1,000 long paths stay 1,000 distinct images");
            CompositeData[] rows = (CompositeData[]) jmx.getAttribute(AgentHost.IMAGES, "MountedImages");
            assertEquals(LENGTH, ((String) rows[0].get("MountPath")).length(), "JMX keeps the whole path");

            long grown = usedAfterGc(jmx) - baseline;
            long pathBytes = 2L * IMAGES * LENGTH; // Latin-1 strings: one byte a character, kept once by the snapshot
            assertTrue(grown < pathBytes + 16 * MIB, "the heap grew by " + grown / MIB + " MiB for " + pathBytes / MIB
                    + " MiB of paths (before this bound: about 160 MiB, and every scrape an OutOfMemoryError)");
            assertTrue(host.isAlive());
            assertTrue(!host.output().contains("OutOfMemoryError"), host.output());
        }
    }

    private static long seriesCount(AgentHost host) {
        try {
            return host.scrape().lines().filter(l -> l.startsWith("dism_image_status{")).count();
        } catch (Exception | AssertionError e) {
            return -1;
        }
    }

    private static int mounted(MBeanServerConnection jmx) {
        try {
            return (Integer) jmx.getAttribute(AgentHost.IMAGES, "MountedCount");
        } catch (Exception e) {
            return -1;
        }
    }

    private static long usedAfterGc(MBeanServerConnection jmx) throws Exception {
        ObjectName memory = new ObjectName("java.lang:type=Memory");
        jmx.invoke(memory, "gc", null, null);
        Thread.sleep(500);
        jmx.invoke(memory, "gc", null, null);
        return MemoryUsage.from((CompositeData) jmx.getAttribute(memory, "HeapMemoryUsage")).getUsed();
    }
}
