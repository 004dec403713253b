package io.github.dismagent.monitor;

import io.github.dismagent.dism.MountedImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A new read of the mount table against the last snapshot: the image states (with when each image
 * entered its status) and what appeared, disappeared or changed.
 */
final class SnapshotDiff {

    record Result(List<ImageState> images, List<StatusChange> changes) {
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
        List<ImageState> images = new ArrayList<>(rows.size());
        List<StatusChange> changes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (MountedImage row : rows) {
            String key = MountPaths.key(row.mountPath());
            boolean first = seen.add(key);
            ImageState before = first ? previous.byKey().get(key) : null;
            String remountResult = remountResults.getOrDefault(key, "");
            ImageState current;
            if (before != null && before.image().equals(row) && before.lastRemountResult().equals(remountResult)) {
                current = before; // unchanged: keep the very object
            } else {
                boolean sameStatus = before != null && before.image().mountStatusCode() == row.mountStatusCode();
                current = new ImageState(row, key, sameStatus ? before.statusSince() : now, remountResult);
            }
            images.add(current);
            if (!first) {
                continue; // a second row with the same path: DISM should not return one, and it has no events of its own
            }
            if (before == null) {
                changes.add(new StatusChange(StatusChange.Kind.APPEARED, current, ""));
            } else if (before.image().mountStatusCode() != row.mountStatusCode()) {
                changes.add(new StatusChange(StatusChange.Kind.CHANGED, current, before.image().mountStatusName()));
            }
        }
        for (Map.Entry<String, ImageState> old : previous.byKey().entrySet()) {
            if (!seen.contains(old.getKey())) {
                changes.add(new StatusChange(StatusChange.Kind.DISAPPEARED, old.getValue(), old.getValue().image().mountStatusName()));
            }
        }
        return new Result(images, changes);
    }
}
