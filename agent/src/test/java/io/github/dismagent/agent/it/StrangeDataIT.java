package io.github.dismagent.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.jmx.DismJmx;
import io.github.dismagent.metrics.DismMetrics;
import io.github.dismagent.testing.Eventually;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Data from DISM that no sane DISM returns, in a real host: a NULL string, numbers for a status and
 * a mode that no dismagent knows, paths of the longest length Windows allows, and 100,000 mounted
 * images. The agent shows what it got, counts what it cannot judge as invalid, and keeps going.
 */
class StrangeDataIT {
    private static final ObjectName IMAGES = AgentHost.IMAGES;

    @RegisterExtension
    final AgentHostExtension hosts = AgentHostExtension.compiling("working");


    private AgentHost start(StateFileText table) {
        return hosts.host().mountTable(table).agentOptions("port=0,interval=1h")
                .main("WorkingHost", "600000").start();
    }

    @Test
    void nullStringsUnknownNumbersAndLongestPathsAreShownAsTheyAre() throws Exception {
        String longest = "C:\\" + "\u03a9".repeat(32_767 - 3 - 2) + "\ud834\udd1e"; // 32,767 UTF-16 units, a non-BMP one at the end
        StateFileText table = new StateFileText()
                .mount("", "D:\\images\\null-path.wim", 1, "ReadOnly", "Ok")
                .mount("C:\\Mount\\strange-status", "", 2, "ReadWrite", "7")
                .mount("C:\\Mount\\strange-mode", "D:\\images\\mode.wim", 3, "9", "NeedsRemount")
                .mount(longest, longest.replace("C:", "D:"), 4, "ReadOnly", "Ok");
        try (AgentHost host = start(table)) {
            host.awaitOutput("MBeans registered as io.github.dismagent:type=DismImages");
            MBeanServerConnection jmx = host.jmx();
            Eventually.await("the first read", () -> host.serves("dism_up 1.0"));

            CompositeData[] rows = (CompositeData[]) jmx.getAttribute(IMAGES, "MountedImages");
            assertEquals(4, rows.length);
            assertEquals("", rows[0].get("MountPath"), "a NULL mount path");
            assertEquals("D:\\images\\null-path.wim", rows[0].get("ImageFilePath"));
            assertEquals("Unknown(7)", rows[1].get("Status"));
            assertEquals("", rows[1].get("ImageFilePath"), "a NULL image path");
            assertEquals("Unknown(9)", rows[2].get("MountMode"));
            assertEquals(longest, rows[3].get("MountPath"), "32,767 UTF-16 units, intact");
            assertEquals(32_767, ((String) rows[3].get("MountPath")).length());
            assertEquals(longest.replace("C:", "D:"), rows[3].get("ImageFilePath"));
            assertEquals(1, jmx.getAttribute(IMAGES, "InvalidCount"), "the unknown status counts as invalid");

            String metrics = host.scrape();
            assertTrue(metrics.contains("dism_images{status=\"invalid\"} 1.0"), metrics);
            assertTrue(metrics.contains("dism_images{status=\"ok\"} 2.0"), metrics);
            assertTrue(metrics.contains("mount_mode=\"unknown_9\""), metrics);
            HttpResponse<String> page = host.get("/");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Unknown(7)") && page.body().contains("(none)"), page.body().substring(0, 2000));

            String remount = (String) jmx.invoke(IMAGES, "remount", new Object[] {"C:\\Mount\\strange-status"},
                    new String[] {String.class.getName()});
            assertTrue(remount.contains("has status Unknown(7).\nThis version of dismagent cannot remount it"), remount);
            assertEquals(0, host.trace().count("DismRemountImage"));
            assertTrue(host.isAlive());
        }
    }

    @Test
    void aHundredThousandImagesAreCountedServedAndBounded() throws Exception {
        StateFileText table = new StateFileText();
        String[] statuses = {"Ok", "NeedsRemount", "Invalid"};
        for (int i = 0; i < 100_000; i++) {
            table.mount("C:\\Mount\\build-" + i, "D:\\images\\build-" + i + ".wim", i % 8 + 1, "ReadWrite", statuses[i % 3]);
        }
        try (AgentHost host = start(table)) {
            host.awaitOutput("MBeans registered as io.github.dismagent:type=DismImages");
            MBeanServerConnection jmx = host.jmx();
            Eventually.await("the first read", () -> host.serves("dism_up 1.0"), Duration.ofMinutes(1));

            assertEquals(100_000, jmx.getAttribute(IMAGES, "MountedCount"));
            // dism_up and the counts read the snapshot; the per-image series follow from the monitor's
            // event a moment later (for 100,000 images, long enough for a scrape to fall in between).
            Eventually.awaitValue("dism_image_status series up to the limit", 3L * DismMetrics.MAX_IMAGES_WITH_SERIES,
                    () -> imageStatusSeries(host));
            String metrics = host.scrape();
            assertTrue(metrics.contains("dism_images{status=\"ok\"} 33334.0"), "every image counted");
            assertEquals(3L * DismMetrics.MAX_IMAGES_WITH_SERIES, metrics.lines().filter(l -> l.startsWith("dism_image_status{")).count());
            Eventually.awaitValue("image MBeans up to the limit", DismJmx.MAX_IMAGE_MBEANS,
                    () -> count(jmx, "io.github.dismagent:type=MountedImage,*"));
            assertEquals(200, host.get("/").statusCode());
            CompositeData[] rows = (CompositeData[]) jmx.getAttribute(IMAGES, "MountedImages");
            assertEquals(100_000, rows.length, "the attribute lists every image");
            assertEquals("C:\\Mount\\build-99999", rows[99_999].get("MountPath"));
            host.awaitOutput("100000 images are mounted; dism_image_status has series for the first 1000 only");
            host.awaitOutput("100000 images are mounted; MBeans are registered for 1000 of them");
            assertTrue(host.isAlive(), "the host, with -Xmx256m, is alive");
            assertTrue(Arrays.stream(host.output().split("\n")).filter(l -> l.contains(" appeared (")).count() <= 20,
                    "the log shows 20 changes and a summary, not 100,000 lines");
        }
    }

    private static int count(MBeanServerConnection jmx, String pattern) {
        try {
            return jmx.queryNames(new ObjectName(pattern), null).size();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long imageStatusSeries(AgentHost host) {
        try {
            return host.scrape().lines().filter(l -> l.startsWith("dism_image_status{")).count();
        } catch (Exception | AssertionError e) {
            return -1;
        }
    }
}
