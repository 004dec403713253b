package io.github.dismagent.monitor;

import io.github.dismagent.LogText;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The duration syntax of docs/reference.md ("Options"): a whole number and one unit, {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
public final class Durations {
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    /** The accepted form, for error messages. */
    public static final String FORM = "a whole number followed by ms, s, m or h, e.g. 500ms, 30s, 5m, 1h";

    private Durations() {
    }

    /**
     * Parses strictly: no sign, no spaces, no fractions, no unit other than ms, s, m, h.
     *
     * @throws IllegalArgumentException naming the value and the accepted form
     */
    public static Duration parse(String text) {
        Matcher m = text == null ? null : SYNTAX.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(LogText.quoted(text) + " is not a duration: expected " + FORM);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /** The shortest exact form: {@code 30s}, {@code 1500ms}, {@code 2h}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }

    /** For people: {@code 0.8 s}, {@code 12 s}, {@code 3 min}. */
    static String human(Duration duration) {
        double seconds = duration.toNanos() / 1e9;
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        if (seconds < 120) {
            return Math.round(seconds) + " s";
        }
        return Math.round(seconds / 60) + " min";
    }
}
