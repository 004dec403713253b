package io.github.dismagent.metrics;

import static io.github.dismagent.monitor.MonitorFixture.fast;
import static io.github.dismagent.monitor.MonitorFixture.refreshed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.DismagentVersion;
import io.github.dismagent.dism.EmulatorFixture;
import io.github.dismagent.dism.HResult;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.MonitorOperations;
import io.github.dismagent.monitor.MonitorSettings;
import io.github.dismagent.testing.Eventually;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DismMetricsTest {
    @RegisterExtension
    final EmulatorFixture emulator = new EmulatorFixture();

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private static StateFileText allThreeStatuses() {
        return new StateFileText()
                .mount("C:\\Mount\\ok", "D:\\images\\ok.wim", 1, "ReadWrite", "Ok")
                .mount("C:\\Mount\\remount", "D:\\images\\remount.wim", 2, "ReadOnly", "NeedsRemount")
                .mount("C:\\Mount\\\"bad\"", "D:\\images\\bad.vhdx", 3, "ReadWrite", "Invalid");
    }

    /** Bound before the first read, as the agent binds it. */
    private DismMonitor monitor(StateFileText table, MonitorSettings settings) {
        emulator.write(table);
        DismMonitor monitor = emulator.closeAfterTest(DismMonitor.create(emulator.session(), settings.withRefreshInterval(Duration.ofHours(1))));
        new DismMetrics(monitor).bindTo(registry);
        monitor.start();
        refreshed(monitor);
        return monitor;
    }

    private Scrape scrape() {
        return Scrape.parse(registry.scrape());
    }

    @Test
    void scrapesExactlyTheContractsSeriesAndValues() {
        DismMonitor monitor = monitor(allThreeStatuses(), fast());

        Scrape scrape = scrape();

        assertEquals(Set.of("dism_images", "dism_image_status", "dism_remount_total", "dism_remount_duration_seconds_count",
                "dism_remount_duration_seconds_sum", "dism_remount_duration_seconds_max", "dism_unmount_total", "dism_refresh_duration_seconds_count",
                "dism_refresh_duration_seconds_sum", "dism_refresh_duration_seconds_max", "dism_refresh_errors_total",
                "dism_refresh_last_success_timestamp_seconds", "dism_up", "dismagent_build_info"), scrape.names());
        assertEquals(Map.of("dism_images{status=invalid}", 1.0, "dism_images{status=needs_remount}", 1.0, "dism_images{status=ok}", 1.0),
                scrape.named("dism_images"));
        Map<String, Double> expected = new TreeMap<>();
        expectImage(expected, "C:\\Mount\\ok", "D:\\images\\ok.wim", "1", "read_write", "ok");
        expectImage(expected, "C:\\Mount\\remount", "D:\\images\\remount.wim", "2", "read_only", "needs_remount");
        expectImage(expected, "C:\\Mount\\\"bad\"", "D:\\images\\bad.vhdx", "3", "read_write", "invalid");
        assertEquals(expected, scrape.named("dism_image_status"));
        assertEquals(Map.of("dism_remount_total{result=failure,trigger=auto}", 0.0, "dism_remount_total{result=failure,trigger=manual}", 0.0,
                "dism_remount_total{result=success,trigger=auto}", 0.0, "dism_remount_total{result=success,trigger=manual}", 0.0),
                scrape.named("dism_remount_total"));
        assertEquals(0.0, scrape.sample("dism_refresh_errors_total"));
        assertEquals(1.0, scrape.sample("dism_up"));
        assertEquals(monitor.snapshot().lastRefresh().orElseThrow().toEpochMilli() / 1000.0,
                scrape.sample("dism_refresh_last_success_timestamp_seconds"), 0.001);
        assertEquals(1.0, scrape.sample("dismagent_build_info", "version", DismagentVersion.get(), "backend", monitor.snapshot().backend()));
        assertTrue(scrape.sample("dism_refresh_duration_seconds_count") >= 1);
        assertEquals(0.0, scrape.sample("dism_remount_duration_seconds_count"));
    }

    private static void expectImage(Map<String, Double> expected, String mount, String image, String index, String mode, String status) {
        for (String s : new String[] {"ok", "needs_remount", "invalid"}) {
            Map<String, String> labels = new TreeMap<>(Map.of("mount_path", mount, "image_path", image, "image_index", index,
                    "mount_mode", mode, "status", s));
            expected.put(Scrape.key("dism_image_status", labels), s.equals(status) ? 1.0 : 0.0);
        }
    }

    @Test
    void allThreeStatusSeriesExistWithNoImageMounted() {
        monitor(new StateFileText(), fast());

        assertEquals(Map.of("dism_images{status=invalid}", 0.0, "dism_images{status=needs_remount}", 0.0, "dism_images{status=ok}", 0.0),
                scrape().named("dism_images"));
        assertEquals(Map.of(), scrape().named("dism_image_status"));
    }

    @Test
    void perImageSeriesAppearAndDisappearWithTheImages() {
        DismMonitor monitor = monitor(allThreeStatuses(), fast());

        emulator.write(new StateFileText().mount("C:\\Mount\\ok", "D:\\images\\ok.wim", 1, "ReadWrite", "NeedsRemount")
                .mount("E:\\new", "D:\\images\\new.wim", 7, "ReadOnly", "Ok"));
        refreshed(monitor);

        Scrape scrape = scrape();
        assertEquals(6, scrape.named("dism_image_status").size(), "no stale series: " + scrape.named("dism_image_status"));
        assertEquals(1.0, scrape.sample("dism_image_status", "mount_path", "C:\\Mount\\ok", "image_path", "D:\\images\\ok.wim",
                "image_index", "1", "mount_mode", "read_write", "status", "needs_remount"));
        assertEquals(0.0, scrape.sample("dism_image_status", "mount_path", "C:\\Mount\\ok", "image_path", "D:\\images\\ok.wim",
                "image_index", "1", "mount_mode", "read_write", "status", "ok"));
        assertNull(scrape.sample("dism_image_status", "mount_path", "C:\\Mount\\remount", "image_path", "D:\\images\\remount.wim",
                "image_index", "2", "mount_mode", "read_only", "status", "needs_remount"));
        assertEquals(0.0, scrape.sample("dism_images", "status", "invalid"));
    }

    @Test
    void countsRemountsByResultAndTriggerAndTimesThem() {
        DismMonitor monitor = monitor(new StateFileText()
                .mount("C:\\Mount\\a", "D:\\a.wim", 1, "ReadWrite", "NeedsRemount")
                .mount("C:\\Mount\\b", "D:\\b.wim", 1, "ReadWrite", "NeedsRemount"), fast());
        MonitorOperations operations = new MonitorOperations(monitor);
        operations.remount("C:\\Mount\\a");
        emulator.write(new StateFileText().mount("C:\\Mount\\b", "D:\\b.wim", 1, "ReadWrite", "NeedsRemount")
                .fail("DismRemountImage", HResult.DISMAPI_E_BUSY, ""));
        refreshed(monitor);
        operations.remount("C:\\Mount\\b");
        operations.remount("C:\\Mount\\nowhere"); // refused: not a remount
        emulator.write(new StateFileText().mount("C:\\Mount\\b", "D:\\b.wim", 1, "ReadWrite", "NeedsRemount"));
        refreshed(monitor);
        monitor.setAutoRemount(true);
        Eventually.awaitValue("the auto-remount is counted", 1.0,
                () -> scrape().sample("dism_remount_total", "result", "success", "trigger", "auto"));

        Scrape scrape = scrape();
        assertEquals(1.0, scrape.sample("dism_remount_total", "result", "success", "trigger", "manual"));
        assertEquals(1.0, scrape.sample("dism_remount_total", "result", "failure", "trigger", "manual"));
        assertEquals(0.0, scrape.sample("dism_remount_total", "result", "failure", "trigger", "auto"));
        assertEquals(3.0, scrape.sample("dism_remount_duration_seconds_count"));
    }

    @Test
    void aFailingRefreshIsCountedAndTakesDismDown() {
        DismMonitor monitor = monitor(allThreeStatuses(), fast());
        emulator.write(allThreeStatuses().fail("DismGetMountedImageInfo", HResult.E_FAIL, "broken"));
        refreshed(monitor);

        Scrape scrape = scrape();
        assertEquals(0.0, scrape.sample("dism_up"));
        assertEquals(1.0, scrape.sample("dism_refresh_errors_total"));
        assertEquals(1.0, scrape.sample("dism_images", "status", "ok"), "the last good table stays visible");
    }

    @Test
    void aStatusDismMayAddCountsAsInvalid() {
        monitor(new StateFileText().mount("C:\\Mount\\future", "D:\\f.wim", 1, "9", "7"), fast());

        Scrape scrape = scrape();
        assertEquals(1.0, scrape.sample("dism_images", "status", "invalid"));
        assertEquals(1.0, scrape.sample("dism_image_status", "mount_path", "C:\\Mount\\future", "image_path", "D:\\f.wim",
                "image_index", "1", "mount_mode", "unknown_9", "status", "invalid"));
    }

    @Test
    void anIndexAboveWhatJmxHoldsIsLabelledAsJmxShowsIt() {
        DismMonitor monitor = monitor(new StateFileText().mount("C:\\Mount\\odd", "D:\\odd.wim", 4294967295L, "ReadWrite", "Ok"), fast());

        assertEquals(1.0, scrape().sample("dism_image_status", "mount_path", "C:\\Mount\\odd", "image_path", "D:\\odd.wim",
                "image_index", "-1", "mount_mode", "read_write", "status", "ok"), "one value everywhere: the label is JMX's -1");
        assertEquals(-1, monitor.snapshot().images().get(0).imageIndex());
        assertEquals(4294967295L, monitor.snapshot().images().get(0).row().imageIndex(), "DISM's own value is kept in the row");
    }

    @Test
    void aRowDismRepeatsIsCountedAndGivenSeriesOnce() {
        monitor(new StateFileText()
                .mount("C:\\Mount\\twice", "D:\\twice.wim", 1, "ReadWrite", "Ok")
                .mount("C:\\Mount\\twice", "D:\\twice.wim", 1, "ReadWrite", "Ok")
                .mount("C:\\Mount\\twice", "D:\\twice.wim", 1, "ReadWrite", "Invalid"), fast());

        Scrape scrape = scrape();
        assertEquals(1.0, scrape.sample("dism_images", "status", "ok"), "mounted once, counted once");
        assertEquals(0.0, scrape.sample("dism_images", "status", "invalid"), "the repeat's own status is left out with it");
        assertEquals(3, scrape.named("dism_image_status").size(), "one series per status");
    }

    @Test
    void scrapesNeverCallDismAndKeepAnsweringWhileDismHangs() {
        DismMonitor monitor = monitor(allThreeStatuses(), fast().withCallTimeout(Duration.ofMillis(300)));
        emulator.trace.clear();
        for (int i = 0; i < 100; i++) {
            registry.scrape();
        }
        assertEquals(0, emulator.trace.calls().size(), "100 scrapes, no DISM call");

        emulator.write(allThreeStatuses().delay("DismGetMountedImageInfo", Duration.ofSeconds(3)));
        monitor.refresh();
        Eventually.awaitValue("dism_up drops while DISM hangs", 0.0, () -> scrape().sample("dism_up"));
        assertEquals(1.0, scrape().sample("dism_images", "status", "needs_remount"));
        assertTrue(registry.scrape("application/openmetrics-text; version=1.0.0; charset=utf-8").endsWith("# EOF\n"));
        emulator.write(allThreeStatuses());
        Eventually.awaitValue("up again", 1.0, () -> scrape().sample("dism_up"));
    }

    @Test
    void perImageSeriesStopAtTheLimitWhileTheCountsCoverEveryImage() {
        StateFileText many = new StateFileText();
        for (int i = 0; i < DismMetrics.MAX_IMAGES_WITH_SERIES + 200; i++) {
            many.mount("C:\\Mount\\" + i, "D:\\" + i + ".wim", 1, "ReadOnly", i % 2 == 0 ? "Ok" : "Invalid");
        }
        monitor(many, fast());

        Scrape scrape = scrape();

        assertEquals(3 * DismMetrics.MAX_IMAGES_WITH_SERIES, scrape.named("dism_image_status").size());
        assertEquals(600.0, scrape.sample("dism_images", "status", "ok"));
        assertEquals(600.0, scrape.sample("dism_images", "status", "invalid"));
    }

    @Test
    void extraTagsGoOnEverySeries() {
        emulator.write(allThreeStatuses());
        DismMonitor monitor = emulator.closeAfterTest(DismMonitor.create(emulator.session(), fast().withRefreshInterval(Duration.ofHours(1))));
        new DismMetrics(monitor, Tags.of("site", "lab")).bindTo(registry);
        monitor.start();
        refreshed(monitor);

        Map<String, Double> samples = scrape().samples();
        assertEquals(28, samples.size(), "every series of the contract for three images: " + samples.keySet());
        for (String series : samples.keySet()) {
            assertTrue(series.contains("site=lab"), series);
        }
    }

    @Test
    void closeRemovesEveryMeterItAddedAndStopsFollowingTheMonitor() {
        registry.counter("host.requests").increment();
        DismMonitor monitor = monitor(allThreeStatuses(), fast());
        DismMetrics metrics = new DismMetrics(monitor);
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        metrics.bindTo(second);
        assertTrue(second.getMeters().size() > 10, "bound: " + second.getMeters().size());

        metrics.close();
        emulator.write(new StateFileText().mount("E:\\new", "D:\\images\\new.wim", 7, "ReadOnly", "Ok"));
        refreshed(monitor);

        assertEquals(List.of(), second.getMeters().stream().map(m -> m.getId().getName()).toList(), "nothing left in the second registry");
        assertEquals(Set.of("dism_images", "dism_image_status", "dism_remount_total", "dism_remount_duration_seconds_count",
                "dism_remount_duration_seconds_sum", "dism_remount_duration_seconds_max", "dism_unmount_total", "dism_refresh_duration_seconds_count",
                "dism_refresh_duration_seconds_sum", "dism_refresh_duration_seconds_max", "dism_refresh_errors_total",
                "dism_refresh_last_success_timestamp_seconds", "dism_up", "dismagent_build_info", "host_requests_total"), scrape().names(),
                "the first binder's meters and the host's own stay in the first registry");
    }
}
