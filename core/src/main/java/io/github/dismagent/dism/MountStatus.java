package io.github.dismagent.dism;

/**
 * {@code DismMountStatus}, spelt as PowerShell's {@code Get-WindowsImage -Mounted} shows it. A
 * number DISM may add later is {@link #UNKNOWN}; the record keeps the number.
 */
public enum MountStatus implements DismEnum {
    OK(0, "Ok"),
    NEEDS_REMOUNT(1, "NeedsRemount"),
    INVALID(2, "Invalid"),
    UNKNOWN(-1, "Unknown");

    private static final MountStatus[] VALUES = values();
    private final int code;
    private final String displayName;

    MountStatus(int code, String displayName) {
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

    public static MountStatus of(int code) {
        return DismEnum.of(VALUES, code, UNKNOWN);
    }

    /** {@code NeedsRemount}, or {@code Unknown(7)} for a number DISM may add. */
    public static String displayName(int code) {
        return DismEnum.displayName(of(code), code);
    }
}
