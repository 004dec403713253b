package io.github.dismagent.monitor;

import io.github.dismagent.dism.MountPath;
import io.github.dismagent.dism.MountStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mount table as last read, immutable: what every reader (JMX getter, scrape, status page)
 * sees. A failed or hung refresh keeps the images of the last good read and says so.
 */
public final class Snapshot {
    private final List<MonitoredImage> images;
    private final Map<String, MonitoredImage> byKey;
    private final int ok;
    private final int needsRemount;
    private final int invalid;
    private final boolean available;
    private final Instant lastRefresh;
    private final String lastError;
    private final String backend;

    Snapshot(List<MonitoredImage> images, boolean available, Instant lastRefresh, String lastError, String backend) {
        this(List.copyOf(images), keysOf(images), available, lastRefresh, lastError, backend);
    }

    /** A fresh read; {@code byKey} (the first of two rows with one key winning) was built with the images, so it is not built again. */
    static Snapshot read(List<MonitoredImage> images, Map<String, MonitoredImage> byKey, Instant lastRefresh, String backend) {
        return new Snapshot(List.copyOf(images), Collections.unmodifiableMap(byKey), true, lastRefresh, "", backend);
    }

    private Snapshot(List<MonitoredImage> images, Map<String, MonitoredImage> byKey, boolean available, Instant lastRefresh, String lastError,
                     String backend) {
        this.images = images;
        this.byKey = byKey;
        int okCount = 0;
        int needsRemountCount = 0;
        int invalidCount = 0;
        for (MonitoredImage image : images) {
            switch (image.countedStatus()) {
                case OK -> okCount++;
                case NEEDS_REMOUNT -> needsRemountCount++;
                default -> invalidCount++;
            }
        }
        this.ok = okCount;
        this.needsRemount = needsRemountCount;
        this.invalid = invalidCount;
        this.available = available;
        this.lastRefresh = lastRefresh;
        this.lastError = lastError;
        this.backend = backend;
    }

    private static Map<String, MonitoredImage> keysOf(List<MonitoredImage> images) {
        Map<String, MonitoredImage> keys = new LinkedHashMap<>(capacityFor(images.size()));
        for (MonitoredImage image : images) {
            keys.putIfAbsent(image.key(), image);
        }
        return Collections.unmodifiableMap(keys);
    }

    /** A HashMap capacity that holds this many entries without growing. */
    static int capacityFor(int entries) {
        return (int) Math.ceil(entries / 0.75) + 1;
    }

    /** Before the first read: nothing known, not available. */
    static Snapshot initial(String backend) {
        return new Snapshot(List.of(), false, null, "", backend);
    }

    /** The same images, with DISM unavailable for this reason. */
    Snapshot unavailable(String error, String backendNow) {
        return new Snapshot(images, byKey, false, lastRefresh, error, backendNow);
    }

    /** The same snapshot with one image's last remount result replaced. */
    Snapshot withRemountResult(String key, String result) {
        List<MonitoredImage> updated = images.stream()
                .map(i -> i.key().equals(key) ? new MonitoredImage(i.row(), i.key(), i.statusSince(), result) : i)
                .toList();
        return new Snapshot(updated, available, lastRefresh, lastError, backend);
    }

    /** Every mounted image, in DISM's order. */
    public List<MonitoredImage> images() {
        return images;
    }

    /** The image mounted at this path, compared the Windows way. */
    public Optional<MonitoredImage> find(String mountPath) {
        return Optional.ofNullable(byKey.get(MountPath.key(mountPath)));
    }

    /** Images by {@link MonitoredImage#key()}; the first of two rows with one key wins. */
    public Map<String, MonitoredImage> byKey() {
        return byKey;
    }

    public int mountedCount() {
        return images.size();
    }

    public int count(MountStatus status) {
        return switch (status) {
            case OK -> ok;
            case NEEDS_REMOUNT -> needsRemount;
            case INVALID, UNKNOWN -> invalid;
        };
    }

    /** DISM is initialised and the last refresh succeeded (in time). */
    public boolean available() {
        return available;
    }

    /** When the mount table was last read successfully; empty before the first read. */
    public Optional<Instant> lastRefresh() {
        return Optional.ofNullable(lastRefresh);
    }

    /** The last DISM failure as {@code 0xXXXXXXXX NAME: message}; "" when the last refresh succeeded. */
    public String lastError() {
        return lastError;
    }

    /** Which DISM library is loaded, or why none is. */
    public String backend() {
        return backend;
    }
}
