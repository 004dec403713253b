package io.github.dismagent.dism;

/** {@code DismMountMode}. A number DISM may add later is {@link #UNKNOWN}; the record keeps the number. */
public enum MountMode {
    READ_WRITE(0, "ReadWrite"),
    READ_ONLY(1, "ReadOnly"),
    UNKNOWN(-1, "Unknown");

    private final int code;
    private final String displayName;

    MountMode(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    /** The {@code DismMountMode} value, -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /** {@code ReadWrite}, {@code ReadOnly}, or {@code Unknown}. */
    public String displayName() {
        return displayName;
    }

    public static MountMode of(int code) {
        return switch (code) {
            case 0 -> READ_WRITE;
            case 1 -> READ_ONLY;
            default -> UNKNOWN;
        };
    }

    /** The display name of a code: {@code ReadOnly}, or {@code Unknown(5)} for a number DISM may add. */
    public static String displayName(int code) {
        MountMode mode = of(code);
        return mode == UNKNOWN ? "Unknown(" + code + ")" : mode.displayName;
    }
}
