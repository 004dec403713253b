package io.github.dismagent.monitor;

import io.github.dismagent.dism.MountPath;
import io.github.dismagent.dism.MountedImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A new read of the mount table against the last snapshot: the image states (with when each image
 * entered its status) and what appeared, disappeared or changed.
 *
 * <p>It runs on every refresh, so it is written for tables of 100,000 rows: DISM returns the
 * images in a stable order, so a row whose mount path is spelled as in the same slot last time
 * reuses that slot's key instead of normalising the path again, the maps are sized once, and the
 * search for disappeared images is skipped when every previous image was found again.
 */
final class SnapshotDiff {

    /**
     * @param images  the new image states, in DISM's order
     * @param byKey   the same by key, the first of two rows with one key winning, in DISM's order
     * @param changes what appeared, disappeared or changed status
     * @param oddities what in DISM's answer the readers do not show as DISM gave it ({@link RowOddities})
     */
    record Result(List<MonitoredImage> images, Map<String, MonitoredImage> byKey, List<StatusChange> changes, List<String> oddities) {

        /** The snapshot of this read. */
        Snapshot snapshot(Instant readAt, String backend) {
            return Snapshot.read(images, byKey, readAt, backend);
        }
    }

    private SnapshotDiff() {
    }

    /**
     * @param previous       the last snapshot
     * @param rows           what DISM returned now, in its order
     * @param now            when it was read
     * @param remountResults the last remount result by image key
     */
    static Result between(Snapshot previous, List<MountedImage> rows, Instant now, Map<String, String> remountResults) {
        List<MonitoredImage> previousImages = previous.images();
        Map<String, MonitoredImage> previousByKey = previous.byKey();
        List<MonitoredImage> images = new ArrayList<>(rows.size());
        Map<String, MonitoredImage> byKey = new LinkedHashMap<>(Snapshot.capacityFor(rows.size()));
        List<StatusChange> changes = new ArrayList<>();
        RowOddities oddities = new RowOddities();
        int foundAgain = 0;
        for (int i = 0; i < rows.size(); i++) {
            MountedImage row = rows.get(i);
            String key = keyOf(row, i < previousImages.size() ? previousImages.get(i) : null);
            MonitoredImage before = previousByKey.get(key);
            oddities.checkIndex(row);
            MonitoredImage current = stateOf(row, key, before, now, remountResults);
            MonitoredImage first = byKey.putIfAbsent(key, current);
            if (first != null) {
                if (first.row().showsAsSameImage(row)) {
                    // One directory holds one mount, whatever two rows say of its status.
                    // Its series would be the first's (Micrometer refuses a second), and it would be counted twice.
                    oddities.repeated(row);
                } else {
                    // The same directory spelled otherwise or with another image: shown, with no history or events of its own.
                    images.add(stateOf(row, key, null, now, remountResults));
                }
                continue;
            }
            images.add(current);
            if (before == null) {
                changes.add(new StatusChange(StatusChange.Kind.APPEARED, current, ""));
                continue;
            }
            foundAgain++;
            if (before.row().mountStatusCode() != row.mountStatusCode()) {
                changes.add(new StatusChange(StatusChange.Kind.CHANGED, current, before.mountStatusName()));
            }
        }
        if (foundAgain < previousByKey.size()) {
            for (Map.Entry<String, MonitoredImage> old : previousByKey.entrySet()) {
                if (!byKey.containsKey(old.getKey())) {
                    changes.add(new StatusChange(StatusChange.Kind.DISAPPEARED, old.getValue(), old.getValue().mountStatusName()));
                }
            }
        }
        return new Result(images, byKey, changes, oddities.lines());
    }

    /** The key of this row: the same slot's key when the path is spelled the same, else computed. */
    private static String keyOf(MountedImage row, MonitoredImage sameSlotBefore) {
        if (sameSlotBefore != null && Objects.equals(sameSlotBefore.mountPath(), row.mountPath())) {
            return sameSlotBefore.key();
        }
        return MountPath.key(row.mountPath());
    }

    private static MonitoredImage stateOf(MountedImage row, String key, MonitoredImage before, Instant now, Map<String, String> remountResults) {
        String remountResult = remountResults.getOrDefault(key, "");
        if (before != null && before.row().equals(row) && before.lastRemountResult().equals(remountResult)) {
            return before; // unchanged: keep the very object
        }
        boolean sameStatus = before != null && before.row().mountStatusCode() == row.mountStatusCode();
        return new MonitoredImage(row, key, sameStatus ? before.statusSince() : now, remountResult);
    }
}
