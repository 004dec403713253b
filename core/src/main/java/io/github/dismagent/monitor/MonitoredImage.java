package io.github.dismagent.monitor;

import io.github.dismagent.LogText;
import io.github.dismagent.dism.MountMode;
import io.github.dismagent.dism.MountStatus;
import io.github.dismagent.dism.MountedImage;
import java.time.Instant;

/**
 * A mounted image as the monitor knows it: DISM's row, since when it has had its status, and the
 * result of the last remount the agent tried on it. What every reader (JMX, metrics, status page)
 * is given.
 *
 * @param row               the row as DISM last returned it
 * @param key               its mount path as Windows compares paths ({@link io.github.dismagent.dism.MountPath#key})
 * @param statusSince       when the monitor first saw it with this status
 * @param lastRemountResult the last remount's one-line result, or "" when none was tried
 */
public record MonitoredImage(MountedImage row, String key, Instant statusSince, String lastRemountResult) {

    /** The mount directory; null when DISM gave a NULL pointer. */
    public String mountPath() {
        return row.mountPath();
    }

    /** The image file; null when DISM gave a NULL pointer. */
    public String imageFilePath() {
        return row.imageFilePath();
    }

    /** The index every reader shows ({@link MountedImage#shownImageIndex()}); DISM's own value is {@code row().imageIndex()}. */
    public int imageIndex() {
        return row.shownImageIndex();
    }

    public MountMode mountMode() {
        return row.mountMode();
    }

    public MountStatus mountStatus() {
        return row.mountStatus();
    }

    /** {@code ReadWrite}, {@code ReadOnly} or {@code Unknown(n)}. */
    public String mountModeName() {
        return row.mountModeName();
    }

    /** {@code Ok}, {@code NeedsRemount}, {@code Invalid} or {@code Unknown(n)}. */
    public String mountStatusName() {
        return row.mountStatusName();
    }

    /**
     * The status for counting: a status a newer DISM may add counts as {@link MountStatus#INVALID},
     * since the agent cannot tell that the image is usable.
     */
    public MountStatus countedStatus() {
        MountStatus status = row.mountStatus();
        return status == MountStatus.UNKNOWN ? MountStatus.INVALID : status;
    }

    /** The mount path for people and log lines ({@link LogText#shown}: escaped, at most about 200 characters); {@code (none)} when DISM gave a NULL pointer. */
    public String displayPath() {
        return row.mountPath() == null ? "(none)" : LogText.shown(row.mountPath());
    }

    /** The mount path for open data and metric labels, which have no null: "" when DISM gave a NULL pointer. */
    public String mountPathOrEmpty() {
        return orEmpty(row.mountPath());
    }

    /** The image file for open data and metric labels: "" when DISM gave a NULL pointer. */
    public String imageFilePathOrEmpty() {
        return orEmpty(row.imageFilePath());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
