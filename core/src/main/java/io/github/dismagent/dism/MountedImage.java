package io.github.dismagent.dism;

/**
 * One row of DISM's mount table, copied out of DISM's memory.
 *
 * <p>The codes are kept as DISM returned them, so a mode or status that a newer DISM adds is data,
 * not an error: {@link #mountStatus()} is then {@link MountStatus#UNKNOWN} and
 * {@link #mountStatusName()} reads {@code Unknown(7)}.
 *
 * @param mountPath     the mount directory, or null when DISM returned a NULL pointer
 * @param imageFilePath the {@code .wim} or {@code .vhd(x)} file, or null when DISM returned a NULL pointer
 * @param imageIndex    the index of the image in its file (an unsigned 32-bit {@code UINT})
 * @param mountModeCode the {@code DismMountMode} value
 * @param mountStatusCode the {@code DismMountStatus} value
 */
public record MountedImage(String mountPath, String imageFilePath, long imageIndex, int mountModeCode, int mountStatusCode) {

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
