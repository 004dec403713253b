package io.github.dismagent.dism;

import java.util.Objects;

/**
 * One row of DISM's mount table, copied out of DISM's memory.
 *
 * <p>The codes are kept as DISM returned them, so a mode or status that a newer DISM adds is data,
 * not an error: {@link #mountStatus()} is then {@link MountStatus#UNKNOWN} and
 * {@link #mountStatusName()} reads {@code Unknown(7)}.
 *
 * @param mountPath     the mount directory, or null when DISM returned a NULL pointer
 * @param imageFilePath the {@code .wim} or {@code .vhd(x)} file, or null when DISM returned a NULL pointer
 * @param imageIndex    the index of the image in its file, as DISM returned it (an unsigned 32-bit {@code UINT});
 *                      readers show {@link #shownImageIndex()}
 * @param mountModeCode the {@code DismMountMode} value
 * @param mountStatusCode the {@code DismMountStatus} value
 */
public record MountedImage(String mountPath, String imageFilePath, long imageIndex, int mountModeCode, int mountStatusCode) {
    /** What every reader shows for an index above {@link Integer#MAX_VALUE}. */
    public static final int UNUSABLE_INDEX = -1;

    /**
     * The index as every reader shows it (JMX, notifications, metrics, status page): the contract
     * makes JMX's {@code ImageIndex} an {@code int}, and no image file holds 2^31 images, so an index
     * above {@link Integer#MAX_VALUE} (such as 4294967295, a {@code UINT} -1) is shown as
     * {@value #UNUSABLE_INDEX} everywhere rather than as two different numbers.
     */
    public int shownImageIndex() {
        return hasUsableIndex() ? (int) imageIndex : UNUSABLE_INDEX;
    }

    /**
     * Whether the other row is this image as far as any reader can tell: the same mount path as
     * spelled, image file, shown index and mode (the labels of its metric series). The status is not
     * compared.
     */
    public boolean showsAsSameImage(MountedImage other) {
        return this == other || (Objects.equals(mountPath, other.mountPath) && Objects.equals(imageFilePath, other.imageFilePath)
                && shownImageIndex() == other.shownImageIndex() && mountModeCode == other.mountModeCode);
    }

    /** False when DISM's index does not fit an {@code int}: the monitor logs DISM's value once. */
    public boolean hasUsableIndex() {
        return imageIndex <= Integer.MAX_VALUE;
    }

    public MountMode mountMode() {
        return MountMode.of(mountModeCode);
    }

    public MountStatus mountStatus() {
        return MountStatus.of(mountStatusCode);
    }

    /** {@code ReadWrite}, {@code ReadOnly} or {@code Unknown(n)}. */
    public String mountModeName() {
        return MountMode.displayName(mountModeCode);
    }

    /** {@code Ok}, {@code NeedsRemount}, {@code Invalid} or {@code Unknown(n)}. */
    public String mountStatusName() {
        return MountStatus.displayName(mountStatusCode);
    }
}
