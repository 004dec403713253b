package io.github.dismagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.agent.config.AgentOption;
import io.github.dismagent.agent.config.AgentOptions;
import io.github.dismagent.dism.EmulatorFixture;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.jmx.DismJmx;
import io.github.dismagent.metrics.DismMetrics;
import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.MonitorFixture;
import io.github.dismagent.testing.Eventually;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanFeatureInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.openmbean.ArrayType;
import javax.management.openmbean.CompositeType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/reference.md names exactly what the code has: every option of the option registry, every
 * attribute, operation and notification of the registered MBeans (read from their MBeanInfo), and
 * every metric family the registry serves after a read. Each list of the document is the first
 * column of the tables under one heading.
 */
class ReferenceDocumentTest {
    private static final Path REFERENCE = Path.of("../docs/reference.md");
    private static final Pattern HEADING = Pattern.compile("^(#+)\\s+(.*?)\\s*$");
    private static final Pattern NAME = Pattern.compile("`([^`]+)`");
    private static final Pattern METRIC_FAMILY = Pattern.compile("^# TYPE (\\S+) ", Pattern.MULTILINE);

    @RegisterExtension
    final EmulatorFixture emulator = new EmulatorFixture();

    private List<String> document;
    private MBeanServer server;
    private DismMonitor monitor;

    @BeforeEach
    void start() throws IOException {
        document = Files.readAllLines(REFERENCE, StandardCharsets.UTF_8);
        emulator.write(new StateFileText()
                .mount("C:\\Mount\\ok", "D:\\images\\ok.wim", 1, "ReadWrite", "Ok")
                .mount("C:\\Mount\\remount", "D:\\images\\remount.wim", 2, "ReadOnly", "NeedsRemount"));
        monitor = MonitorFixture.start(emulator, MonitorFixture.fast().withRefreshInterval(Duration.ofHours(1)), null);
        server = MBeanServerFactory.newMBeanServer();
    }

    @Test
    void everyOptionAndNoOther() {
        assertSameNames("## Options", AgentOptions.ALL.stream().map(AgentOption::key).collect(Collectors.toSet()));
    }

    @Test
    void everyMBeanAttributeOperationAndNotificationAndNoOther() throws Exception {
        DismJmx jmx = emulator.closeAfterTest(DismJmx.register(server, DismJmx.DEFAULT_DOMAIN, monitor, () -> "test"));
        MonitorFixture.refreshed(monitor);
        Eventually.await("the per-image MBeans", () -> !server.queryNames(jmx.imageName("C:\\Mount\\ok"), null).isEmpty());
        MBeanInfo images = server.getMBeanInfo(jmx.imagesName());
        MBeanInfo image = server.getMBeanInfo(jmx.imageName("C:\\Mount\\ok"));

        assertSameNames("### DismImages attributes", names(images.getAttributes()));
        assertSameNames("### DismImages operations", names(images.getOperations()));
        assertSameNames("### MountedImages rows", rowItems(images, "MountedImages"));
        assertSameNames("### Notifications", Arrays.stream(images.getNotifications())
                .flatMap(n -> Arrays.stream(n.getNotifTypes())).collect(Collectors.toSet()));
        assertSameNames("### MountedImage attributes", names(image.getAttributes()));
        assertSameNames("### MountedImage operations", names(image.getOperations()));
    }

    @Test
    void everyMetricAndNoOther() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new DismMetrics(monitor).bindTo(registry);
        MonitorFixture.refreshed(monitor);
        Eventually.await("the per-image series", () -> registry.scrape().contains("dism_image_status{"));

        Set<String> families = new TreeSet<>();
        Matcher family = METRIC_FAMILY.matcher(registry.scrape());
        while (family.find()) {
            families.add(family.group(1));
        }
        assertSameNames("## Metrics", families);
    }

    @Test
    void aNameMissingFromTheDocumentIsFound() {
        List<String> withoutPort = document.stream().filter(line -> !line.startsWith("| `port`")).toList();
        assertFalse(namesUnder(withoutPort, "## Options").contains("port"));
        assertTrue(namesUnder(document, "## Options").contains("port"));
    }

    private void assertSameNames(String heading, Set<String> inCode) {
        Set<String> documented = namesUnder(document, heading);
        assertFalse(inCode.isEmpty(), "the code side of " + heading + " was read");
        Set<String> undocumented = new TreeSet<>(inCode);
        undocumented.removeAll(documented);
        Set<String> notInCode = new TreeSet<>(documented);
        notInCode.removeAll(inCode);
        assertEquals("", (undocumented.isEmpty() ? "" : "in the code but not under '" + heading + "' in docs/reference.md: " + undocumented)
                + (notInCode.isEmpty() ? "" : " under '" + heading + "' in docs/reference.md but not in the code: " + notInCode));
    }

    /** The names in the first column of the tables right under this heading, up to the next heading. */
    static Set<String> namesUnder(List<String> lines, String heading) {
        Set<String> names = new TreeSet<>();
        boolean inside = false;
        boolean found = false;
        for (String line : lines) {
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                inside = line.strip().equals(heading);
                found |= inside;
                continue;
            }
            if (inside && line.startsWith("|") && !line.startsWith("|---")) {
                String firstCell = line.substring(1).split("\\|", 2)[0];
                Matcher name = NAME.matcher(firstCell);
                while (name.find()) {
                    names.add(name.group(1).replaceAll("\\(.*", ""));
                }
            }
        }
        assertTrue(found, "docs/reference.md has the heading " + heading);
        return names;
    }

    private static Set<String> names(MBeanFeatureInfo[] features) {
        return Arrays.stream(features).map(MBeanFeatureInfo::getName).collect(Collectors.toSet());
    }

    private static Set<String> rowItems(MBeanInfo info, String attribute) {
        MBeanAttributeInfo rows = Arrays.stream(info.getAttributes()).filter(a -> a.getName().equals(attribute)).findFirst().orElseThrow();
        ArrayType<?> type = (ArrayType<?>) rows.getDescriptor().getFieldValue("openType");
        return new TreeSet<>(((CompositeType) type.getElementOpenType()).keySet());
    }
}
