package io.github.dismagent.monitor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The log lines for the changes of one refresh: one per change up to {@link #IN_FULL}, then one
 * summary. A server that mounts thousands of images at once must not have its log flooded, or the
 * monitor thread held up by the logger, by a single read; the JMX notifications, the
 * {@code MountedImages} attribute and the metrics still carry every change.
 */
final class ChangeLog {
    static final int IN_FULL = 20;

    private ChangeLog() {
    }

    static List<String> lines(List<StatusChange> changes) {
        int shown = Math.min(changes.size(), IN_FULL);
        List<String> lines = new ArrayList<>(shown + 1);
        for (StatusChange change : changes.subList(0, shown)) {
            lines.add(change.describe());
        }
        if (changes.size() > shown) {
            Map<StatusChange.Kind, Integer> rest = new EnumMap<>(StatusChange.Kind.class);
            for (StatusChange change : changes.subList(shown, changes.size())) {
                rest.merge(change.kind(), 1, Integer::sum);
            }
            lines.add("... and " + (changes.size() - shown) + " more changes in this read (" + StatusChange.summarize(rest)
                    + "); MountedImages shows every image");
        }
        return lines;
    }
}
