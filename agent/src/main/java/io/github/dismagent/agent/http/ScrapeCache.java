package io.github.dismagent.agent.http;

import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.Snapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * The serialized scrape, kept per format until something changes. Serializing the registry is the
 * whole cost of a scrape (for 1,000 images, sorting and writing 3,000 series takes milliseconds).
 * What dismagent's series show is a function of the monitor's snapshot, read when scraped, and of
 * the meters the monitor's listeners record; so an entry is keyed on the snapshot's identity and on
 * the count of events every listener has been told of ({@link DismMonitor#eventsDelivered()}, which
 * moves only after all of them returned). That key is read before serializing: a scrape that
 * raced a change may hold newer data than its key says, never older, and is not served again once
 * the key moves; so no order of registration between the cache and the meters matters. An entry is
 * also kept for at most {@link #MAX_AGE}, which bounds the only value that moves by itself, a
 * timer's decaying maximum. Scrapes that miss at the same time serialize once.
 */
final class ScrapeCache {
    static final Duration MAX_AGE = Duration.ofSeconds(1);
    private static final Object NO_MONITOR = new Object();

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Supplier<?> version;
    private final LongSupplier nanoTime;

    /** What an entry was made from: the snapshot (by identity) and the events recorded. */
    private record Version(Snapshot snapshot, long eventsDelivered) {
    }

    /** A cache that follows this monitor. */
    ScrapeCache(DismMonitor monitor) {
        this(monitor, System::nanoTime);
    }

    ScrapeCache(DismMonitor monitor, LongSupplier nanoTime) {
        this(() -> new Version(monitor.snapshot(), monitor.eventsDelivered()), nanoTime);
    }

    /** A cache of a registry without a monitor: only {@link #MAX_AGE} ends an entry. */
    ScrapeCache() {
        this(() -> NO_MONITOR, System::nanoTime);
    }

    /** @param version what the registry's content depends on, compared with {@code equals} */
    ScrapeCache(Supplier<?> version, LongSupplier nanoTime) {
        this.version = version;
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

    private record Entry(Object version, long createdNanos, CompletableFuture<Body> body) {
        boolean freshFor(Object currentVersion, long now) {
            return version.equals(currentVersion) && now - createdNanos < MAX_AGE.toNanos();
        }
    }

    /** The scrape in this format: cached when nothing changed since, else serialized now (once). */
    Body get(String contentType, Supplier<byte[]> serialize) {
        Object current = version.get();
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
}
