package io.github.dismagent.dism;

/** {@code DismMountMode}. A number DISM may add later is {@link #UNKNOWN}; the record keeps the number. */
public enum MountMode implements DismEnum {
    READ_WRITE(0, "ReadWrite"),
    READ_ONLY(1, "ReadOnly"),
    UNKNOWN(-1, "Unknown");

    private static final MountMode[] VALUES = values();
    private final int code;
    private final String displayName;

    MountMode(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    public static MountMode of(int code) {
        return DismEnum.of(VALUES, code, UNKNOWN);
    }

    /** {@code ReadOnly}, or {@code Unknown(5)} for a number DISM may add. */
    public static String displayName(int code) {
        return DismEnum.displayName(of(code), code);
    }

    /** {@code read_only}, or {@code unknown_5} for a number DISM may add: the {@code mount_mode} label. */
    public static String label(int code) {
        return DismEnum.label(of(code), code);
    }
}
