package io.github.dismagent.agent.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.dism.EmulatorFixture;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.metrics.DismMetrics;
import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.MonitorFixture;
import io.github.dismagent.monitor.MonitorListener;
import io.github.dismagent.monitor.Snapshot;
import io.github.dismagent.monitor.StatusChange;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ScrapeCacheTest {
    private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    @RegisterExtension
    final EmulatorFixture emulator = new EmulatorFixture();

    private final AtomicLong clock = new AtomicLong();
    private final AtomicReference<Object> version = new AtomicReference<>("v1");
    private final ScrapeCache cache = new ScrapeCache(version::get, clock::get);
    private final AtomicInteger serialized = new AtomicInteger();

    private Supplier<byte[]> serializer() {
        return () -> ("scrape " + serialized.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
    }

    private String get(String contentType) {
        return new String(cache.get(contentType, serializer()).plain(), StandardCharsets.UTF_8);
    }

    @Test
    void nothingChangedMeansNothingSerializedAgain() {
        assertEquals("scrape 1", get(TEXT));
        clock.addAndGet(ScrapeCache.MAX_AGE.toNanos() - 1);
        assertEquals("scrape 1", get(TEXT));
        assertEquals(1, serialized.get());
    }

    @Test
    void aNewVersionMakesTheNextScrapeFresh() {
        get(TEXT);
        version.set("v2");
        assertEquals("scrape 2", get(TEXT));
        assertEquals("scrape 2", get(TEXT));
    }

    @Test
    void aScrapeSerializedWhileTheVersionMovedIsNotServedAgain() {
        assertEquals("during", new String(cache.get(TEXT, () -> {
            version.set("v2"); // a change lands while the registry is being written
            return "during".getBytes(StandardCharsets.UTF_8);
        }).plain(), StandardCharsets.UTF_8));
        assertEquals("scrape 1", get(TEXT));
    }

    /**
     * A scrape that arrives after the monitor published a new table but before the metrics listener
     * recorded it (here: a listener that scrapes, registered before the metrics) must not be served
     * once the metrics caught up, whichever was registered first.
     */
    @Test
    void aScrapeBetweenPublicationAndTheMetersIsNotServedOnceTheyCaughtUp() {
        emulator.write(new StateFileText().mount("C:\\Mount\\a", "D:\\a.wim", 1, "ReadWrite", "Ok"));
        DismMonitor monitor = emulator.closeAfterTest(DismMonitor.create(emulator.session(),
                MonitorFixture.fast().withRefreshInterval(Duration.ofHours(1))));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ScrapeCache following = new ScrapeCache(monitor, clock::get); // time stands still: only the key can end an entry
        Supplier<byte[]> scrape = () -> registry.scrape().getBytes(StandardCharsets.UTF_8);
        monitor.addListener(new MonitorListener() {
            @Override
            public void snapshotPublished(Snapshot snapshot, List<StatusChange> changes) {
                following.get(TEXT, scrape);
            }
        });
        new DismMetrics(monitor).bindTo(registry);
        monitor.start();
        MonitorFixture.refreshed(monitor);
        emulator.write(new StateFileText().mount("C:\\Mount\\a", "D:\\a.wim", 1, "ReadWrite", "Ok")
                .mount("C:\\Mount\\new", "D:\\new.wim", 2, "ReadWrite", "NeedsRemount"));

        MonitorFixture.refreshed(monitor);

        String served = new String(following.get(TEXT, scrape).plain(), StandardCharsets.UTF_8);
        assertTrue(served.contains("mount_path=\"C:\\\\Mount\\\\new\",status=\"needs_remount\"} 1.0"), served);
    }

    @Test
    void anEntryLivesAtMostMaxAge() {
        get(TEXT);
        clock.addAndGet(ScrapeCache.MAX_AGE.toNanos());
        assertEquals("scrape 2", get(TEXT));
    }

    @Test
    void eachFormatHasItsOwnEntry() {
        assertEquals("scrape 1", get(TEXT));
        assertEquals("scrape 2", get(OPEN_METRICS));
        assertEquals("scrape 1", get(TEXT));
    }

    @Test
    void concurrentMissesSerializeOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Supplier<byte[]> slow = () -> {
            serialized.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "slow".getBytes(StandardCharsets.UTF_8);
        };
        ExecutorService scrapers = Executors.newFixedThreadPool(8);
        try {
            List<Future<ScrapeCache.Body>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(scrapers.submit(() -> cache.get(TEXT, slow)));
            }
            Thread.sleep(100); // let them all miss
            release.countDown();
            for (Future<ScrapeCache.Body> result : results) {
                assertEquals("slow", new String(result.get(10, TimeUnit.SECONDS).plain(), StandardCharsets.UTF_8));
            }
            assertEquals(1, serialized.get());
        } finally {
            scrapers.shutdownNow();
        }
    }

    @Test
    void aFailedSerializationIsNotCached() {
        IllegalStateException failure = new IllegalStateException("registry broken");
        assertThrows(IllegalStateException.class, () -> cache.get(TEXT, () -> {
            throw failure;
        }));
        assertEquals("scrape 1", get(TEXT));
    }

    @Test
    void theGzipFormIsTheSameBytesCompressed() throws Exception {
        ScrapeCache.Body body = cache.get(TEXT, serializer());
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body.gzipped()))) {
            assertArrayEquals(body.plain(), in.readAllBytes());
        }
    }
}
