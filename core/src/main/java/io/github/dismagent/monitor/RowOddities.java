package io.github.dismagent.monitor;

import io.github.dismagent.LogText;
import io.github.dismagent.dism.MountedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * What one read of the mount table held that the readers do not show as DISM gave it, as log lines:
 * a row repeating an earlier one (left out) and an image index that JMX's {@code int} cannot hold
 * (shown as {@value MountedImage#UNUSABLE_INDEX}). At most {@link ChangeLog#IN_FULL} lines, then one
 * summary, so a hostile table of a million repeats costs one bounded list.
 */
final class RowOddities {
    private final List<String> lines = new ArrayList<>();
    private boolean more;

    void checkIndex(MountedImage row) {
        if (!row.hasUsableIndex()) {
            add("DISM gave " + pathOf(row) + " the image index " + row.imageIndex() + ", above what JMX's int ImageIndex holds; it is shown as "
                    + MountedImage.UNUSABLE_INDEX + " everywhere");
        }
    }

    void repeated(MountedImage row) {
        add("DISM listed " + pathOf(row) + " twice (the same image file, index and mode); the repeat, with status " + row.mountStatusName()
                + ", is left out, so the image is shown and counted once");
    }

    /** The lines of this read, the last one summing up what was left out. */
    List<String> lines() {
        if (!more) {
            return lines;
        }
        List<String> all = new ArrayList<>(lines);
        // No count: the line stays the same from read to read, so it is logged once, not whenever the count moves.
        all.add("... and more such rows in this read (" + ChangeLog.IN_FULL + " are named); MountedImages shows the rows kept");
        return all;
    }

    private void add(String line) {
        if (lines.size() < ChangeLog.IN_FULL) {
            lines.add(line);
        } else {
            more = true;
        }
    }

    private static String pathOf(MountedImage row) {
        return row.mountPath() == null ? "(no mount path)" : LogText.shown(row.mountPath());
    }
}
