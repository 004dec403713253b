package io.github.dismagent.agent.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ScrapeCacheTest {
    private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final AtomicLong clock = new AtomicLong();
    private final ScrapeCache cache = new ScrapeCache(clock::get);
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
    void everyMonitorEventMakesTheNextScrapeFresh() {
        get(TEXT);
        cache.snapshotPublished(null, List.of());
        assertEquals("scrape 2", get(TEXT));
        cache.refreshFinished(Duration.ofMillis(5), true);
        assertEquals("scrape 3", get(TEXT));
        cache.remountFinished(null);
        assertEquals("scrape 4", get(TEXT));
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
