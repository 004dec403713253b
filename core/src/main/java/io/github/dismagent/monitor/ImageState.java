package io.github.dismagent.monitor;

import io.github.dismagent.dism.MountStatus;
import io.github.dismagent.dism.MountedImage;
import java.time.Instant;

/**
 * A mounted image as the monitor knows it: DISM's row, since when it has had its status, and the
 * result of the last remount the agent tried on it.
 *
 * @param image             the row as DISM last returned it
 * @param key               its mount path as Windows compares paths ({@link MountPath#key})
 * @param statusSince       when the monitor first saw it with this status
 * @param lastRemountResult the last remount's one-line result, or "" when none was tried
 */
public record ImageState(MountedImage image, String key, Instant statusSince, String lastRemountResult) {

    /**
     * The status for counting: a status a newer DISM may add counts as {@link MountStatus#INVALID},
     * since the agent cannot tell that the image is usable.
     */
    public MountStatus countedStatus() {
        MountStatus status = image.mountStatus();
        return status == MountStatus.UNKNOWN ? MountStatus.INVALID : status;
    }

    /** The mount path for people; {@code (none)} when DISM gave a NULL pointer. */
    public String displayPath() {
        return image.mountPath() == null ? "(none)" : image.mountPath();
    }
}
