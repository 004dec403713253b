package io.github.dismagent.dism;

import java.util.Locale;

/** {@code DismLogLevel}: how much DISM writes to its own log. */
public enum DismLogLevel {
    ERRORS(0),
    WARNINGS(1),
    INFO(2);

    private final int code;

    DismLogLevel(int code) {
        this.code = code;
    }

    /** The value passed to {@code DismInitialize}. */
    public int code() {
        return code;
    }

    /** {@code errors}, {@code warnings} or {@code info}, as the {@code dismLogLevel} option spells it. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
