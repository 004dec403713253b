package io.github.dismagent.dism;

/**
 * {@code DismMountStatus}, spelt as PowerShell's {@code Get-WindowsImage -Mounted} shows it. A
 * number DISM may add later is {@link #UNKNOWN}; the record keeps the number.
 */
public enum MountStatus {
    OK(0, "Ok"),
    NEEDS_REMOUNT(1, "NeedsRemount"),
    INVALID(2, "Invalid"),
    UNKNOWN(-1, "Unknown");

    private final int code;
    private final String displayName;

    MountStatus(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    /** The {@code DismMountStatus} value, -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /** {@code Ok}, {@code NeedsRemount}, {@code Invalid}, or {@code Unknown}. */
    public String displayName() {
        return displayName;
    }

    public static MountStatus of(int code) {
        return switch (code) {
            case 0 -> OK;
            case 1 -> NEEDS_REMOUNT;
            case 2 -> INVALID;
            default -> UNKNOWN;
        };
    }

    /** The display name of a code: {@code NeedsRemount}, or {@code Unknown(7)} for a number DISM may add. */
    public static String displayName(int code) {
        MountStatus status = of(code);
        return status == UNKNOWN ? "Unknown(" + code + ")" : status.displayName;
    }
}
