package io.github.dismagent.agent.cli;

import io.github.dismagent.dism.MountMode;
import io.github.dismagent.dism.MountStatus;
import io.github.dismagent.dism.MountedImage;
import java.util.List;

/** A mounted image as {@code DISM /Get-MountedImageInfo} shows it, and what to run about its status. */
final class MountTableText {
    private MountTableText() {
    }

    static List<String> lines(MountedImage image) {
        return List.of(
                "Mount Dir : " + shown(image.mountPath()),
                "Image File : " + shown(image.imageFilePath()),
                "Image Index : " + image.imageIndex() + (image.hasUsableIndex() ? "" : " (dismagent shows " + image.shownImageIndex()
                        + ": JMX's ImageIndex is an int)"),
                "Mounted Read/Write : " + (image.mountMode() == MountMode.READ_WRITE ? "Yes"
                        : image.mountMode() == MountMode.READ_ONLY ? "No" : image.mountModeName()),
                "Status : " + status(image));
    }

    /** What to run, for an image that is not Ok; empty for an Ok one. */
    static String hint(MountedImage image) {
        String dir = "/MountDir:\"" + shown(image.mountPath()) + "\"";
        return switch (image.mountStatus()) {
            case OK -> "";
            case NEEDS_REMOUNT -> "needs a remount: DISM /Remount-Image " + dir + " (or dismagent's remount operation)";
            case INVALID -> "is invalid: DISM /Unmount-Image " + dir + " /Discard, then DISM /Cleanup-Mountpoints";
            default -> "has a status this version does not know (" + image.mountStatusName() + "): see DISM /Get-MountedImageInfo";
        };
    }

    private static String status(MountedImage image) {
        MountStatus status = image.mountStatus();
        return switch (status) {
            case OK -> "Ok";
            case NEEDS_REMOUNT -> "Needs Remount";
            case INVALID -> "Invalid";
            default -> image.mountStatusName();
        };
    }

    private static String shown(String path) {
        return path == null ? "(none: DISM returned no path)" : path;
    }
}
