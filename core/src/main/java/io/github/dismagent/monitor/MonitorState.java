package io.github.dismagent.monitor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What readers see, the current {@link Snapshot}, and what carries over from one read of the mount
 * table to the next (each image's last remount result). Changed on the monitor thread only; every
 * change is published to the listeners.
 */
final class MonitorState {
    private final Listeners listeners = new Listeners();
    private final Map<String, String> lastRemountResults = new HashMap<>();
    private volatile Snapshot snapshot = Snapshot.initial("not loaded yet");

    /** The mount table as last read: a volatile read, never a DISM call. */
    Snapshot snapshot() {
        return snapshot;
    }

    void publish(Snapshot next, List<StatusChange> changes) {
        snapshot = next;
        listeners.tell(l -> l.snapshotPublished(next, changes));
    }

    /** Keeps an image's last remount result for the reads to come and publishes it now. */
    void recordRemountResult(String key, String result) {
        lastRemountResults.put(key, result);
        publish(snapshot.withRemountResult(key, result), List.of());
    }

    /** The last remount result by image key, for the next read. */
    Map<String, String> lastRemountResults() {
        return lastRemountResults;
    }

    void tell(Consumer<MonitorListener> event) {
        listeners.tell(event);
    }

    /** Adds a listener and tells it the current snapshot, with every image in it as appeared. */
    void addListener(MonitorListener listener) {
        Snapshot current = snapshot;
        List<StatusChange> appeared = current.byKey().values().stream()
                .map(image -> new StatusChange(StatusChange.Kind.APPEARED, image, "")).toList();
        listeners.add(listener, l -> l.snapshotPublished(current, appeared));
    }

    void removeListener(MonitorListener listener) {
        listeners.remove(listener);
    }

    long eventsDelivered() {
        return listeners.delivered();
    }
}
