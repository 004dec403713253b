package io.github.dismagent.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.testing.Eventually;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images that appear, change and disappear five times a second for 15 s, in a real host (the long
 * version is examples/benchmarks/soak.sh): afterwards there is exactly one MBean and three series per
 * image still mounted, and the agent has no more threads than before.
 */
class ChurnIT {
    private static final int SLOTS = 60;
    private static final String[] STATUSES = {"Ok", "NeedsRemount", "Invalid"};

    @TempDir
    Path work;

    private static StateFileText table(String[] slots) {
        StateFileText table = new StateFileText();
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                table.mount("C:\\Mount\\slot-" + i, "D:\\images\\slot-" + i + ".wim", 1, "ReadWrite", slots[i]);
            }
        }
        return table;
    }

    @Test
    void nothingIsLeftOfImagesThatWent() throws Exception {
        Path host = HostPrograms.compile("plain", work, List.of());
        String[] slots = new String[SLOTS];
        Random random = new Random(7);
        try (AgentHost agent = AgentHost.in(work).mountTable(table(slots)).agentOptions("port=0,interval=100ms").classPath(host)
                .main("PlainHost", "600000", "0").start()) {
            agent.awaitOutput("MBeans registered as io.github.dismagent:type=DismImages");
            MBeanServerConnection jmx = agent.jmx();
            ObjectName threading = new ObjectName("java.lang:type=Threading");
            Eventually.await("the first read", () -> agent.serves("dism_up 1.0"));
            int threadsBefore = (Integer) jmx.getAttribute(threading, "ThreadCount");

            for (int round = 0; round < 75; round++) {
                for (int i = 0; i < SLOTS; i++) {
                    if (random.nextInt(5) == 0) {
                        slots[i] = slots[i] != null && random.nextBoolean() ? null : STATUSES[random.nextInt(3)];
                    }
                }
                agent.state().write(table(slots));
                Thread.sleep(200);
            }
            long mounted = java.util.Arrays.stream(slots).filter(s -> s != null).count();
            Eventually.awaitValue("the last table read", (int) mounted, () -> attribute(jmx, "MountedCount"));
            Eventually.awaitValue("one MBean per image still mounted", (int) mounted,
                    () -> count(jmx, "io.github.dismagent:type=MountedImage,*"));
            String metrics = agent.scrape();
            assertEquals(3 * mounted, metrics.lines().filter(l -> l.startsWith("dism_image_status{")).count(), "three series per image");
            for (int i = 0; i < SLOTS; i++) {
                boolean shown = metrics.contains("mount_path=\"C:\\\\Mount\\\\slot-" + i + "\"");
                assertEquals(slots[i] != null, shown, "slot " + i);
            }
            int threadsAfter = (Integer) jmx.getAttribute(threading, "ThreadCount");
            assertTrue(threadsAfter <= threadsBefore + 2, "threads " + threadsBefore + " then " + threadsAfter);
            assertTrue(agent.isAlive());
        }
    }

    private static int attribute(MBeanServerConnection jmx, String name) {
        try {
            return (Integer) jmx.getAttribute(AgentHost.IMAGES, name);
        } catch (Exception e) {
            return -1;
        }
    }

    private static int count(MBeanServerConnection jmx, String pattern) {
        try {
            return jmx.queryNames(new ObjectName(pattern), null).size();
        } catch (Exception e) {
            return -1;
        }
    }
}
