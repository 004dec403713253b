package io.github.dismagent.dism;

import java.util.Locale;

/**
 * What the Java forms of DISM's enums ({@link MountMode}, {@link MountStatus}) share: DISM's
 * number, PowerShell's spelling, the Prometheus label, and an {@code UNKNOWN} constant (code -1)
 * for a number a newer DISM may add, which the records keep as a number.
 */
public interface DismEnum {
    /** The value in DISM's C enum; -1 for {@code UNKNOWN}. */
    int code();

    /** As PowerShell's {@code Get-WindowsImage -Mounted} shows it: {@code ReadWrite}, {@code NeedsRemount}. */
    String displayName();

    /** The enum constant's name, as {@link Enum#name()}. */
    String name();

    /** For metric labels: {@code read_write}, {@code needs_remount}. */
    default String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant with this code, or {@code unknown}. */
    static <E extends DismEnum> E of(E[] values, int code, E unknown) {
        for (E value : values) {
            if (value.code() == code && code != -1) {
                return value;
            }
        }
        return unknown;
    }

    /** The display name of a code: {@code NeedsRemount}, or {@code Unknown(7)} for a number this version does not know. */
    static String displayName(DismEnum known, int code) {
        return known.code() == -1 ? "Unknown(" + code + ")" : known.displayName();
    }

    /** The label of a code: {@code needs_remount}, or {@code unknown_7} for a number this version does not know. */
    static String label(DismEnum known, int code) {
        return known.code() == -1 ? "unknown_" + code : known.label();
    }
}
