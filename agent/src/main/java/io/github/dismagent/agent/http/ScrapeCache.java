package io.github.dismagent.agent.http;

import io.github.dismagent.monitor.MonitorListener;
import io.github.dismagent.monitor.RemountOutcome;
import io.github.dismagent.monitor.Snapshot;
import io.github.dismagent.monitor.StatusChange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * The serialized scrape, kept per format until something changes. Serializing the registry is the
 * whole cost of a scrape (for 1,000 images, sorting and writing 3,000 series takes milliseconds),
 * and every change to a dismagent meter comes from a monitor event: a new snapshot, a finished
 * refresh, a finished remount. An entry is therefore exact until the next event; it is also kept for
 * at most {@link #MAX_AGE}, which bounds the only value that moves by itself, a timer's decaying
 * maximum. Scrapes that miss at the same time serialize once.
 */
final class ScrapeCache implements MonitorListener {
    static final Duration MAX_AGE = Duration.ofSeconds(1);

    private final AtomicLong generation = new AtomicLong();
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    /**
     * Register it with the monitor after the listener that updates the meters: a listener's events
     * arrive in the order of registration, so the generation moves only once the meters have. A
     * scrape serialized meanwhile carries the generation it started with and is not served again.
     */
    ScrapeCache() {
        this(System::nanoTime);
    }

    ScrapeCache(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** A serialized scrape, and its gzip form made the first time a client asks for it. */
    static final class Body {
        private final byte[] plain;
        private volatile byte[] gzipped;

        Body(byte[] plain) {
            this.plain = plain;
        }

        byte[] plain() {
            return plain;
        }

        byte[] gzipped() {
            byte[] zipped = gzipped;
            if (zipped == null) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4 + 64);
                try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                    gzip.write(plain);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                zipped = out.toByteArray();
                gzipped = zipped;
            }
            return zipped;
        }
    }

    private record Entry(long generation, long createdNanos, CompletableFuture<Body> body) {
        boolean freshFor(long currentGeneration, long now) {
            return generation == currentGeneration && now - createdNanos < MAX_AGE.toNanos();
        }
    }

    /** The scrape in this format: cached when nothing changed since, else serialized now (once). */
    Body get(String contentType, Supplier<byte[]> serialize) {
        long current = generation.get();
        long now = nanoTime.getAsLong();
        Entry cached = entries.get(contentType);
        if (cached != null && cached.freshFor(current, now)) {
            return join(cached);
        }
        Entry fresh = new Entry(current, now, new CompletableFuture<>());
        Entry winner = entries.compute(contentType, (k, old) -> old != null && old.freshFor(current, now) ? old : fresh);
        if (winner == fresh) {
            try {
                fresh.body().complete(new Body(serialize.get()));
            } catch (RuntimeException | Error e) {
                entries.remove(contentType, fresh);
                fresh.body().completeExceptionally(e);
                throw e;
            }
        }
        return join(winner);
    }

    private static Body join(Entry entry) {
        try {
            return entry.body().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public void snapshotPublished(Snapshot snapshot, List<StatusChange> changes) {
        generation.incrementAndGet();
    }

    @Override
    public void refreshFinished(Duration duration, boolean succeeded) {
        generation.incrementAndGet();
    }

    @Override
    public void remountFinished(RemountOutcome outcome) {
        generation.incrementAndGet();
    }
}
