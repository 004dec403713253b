package io.github.dismagent;

/**
 * Text from outside (an option value, a JMX argument, a mount path or message from DISM, an HTTP
 * request) made fit for one log line: a line break, an escape sequence or a bidi control in it must
 * not let whoever wrote it forge log lines, repaint an operator's terminal or reorder what a line
 * shows, and a 32,000-character value must not become a 32,000-character line. This is the one
 * place that decides what is escaped and how long a value or a line may be.
 */
public final class LogText {
    /** The longest value {@link #shown} leaves whole; longer ones are cut in the middle. */
    public static final int LONGEST_VALUE = 200;
    /** The longest message {@link #line} leaves whole; longer ones are cut in the middle. */
    public static final int LONGEST_LINE = 2_000;

    private LogText() {
    }

    /** {@code 'value'}: see {@link #shown}. */
    public static String quoted(String text) {
        return text == null ? "(null)" : "'" + shown(text) + "'";
    }

    /** The text abbreviated in the middle when long, every control, line-breaking or bidi character escaped as {@code \\uXXXX}. */
    public static String shown(String text) {
        return escape(abbreviate(String.valueOf(text)), false);
    }

    /** Long text cut in the middle, saying how long it was; text of at most {@value #LONGEST_VALUE} characters as it is. */
    public static String abbreviate(String text) {
        return cut(text, LONGEST_VALUE);
    }

    /** The text on one line: its own line breaks as spaces, other control characters escaped; not shortened. */
    public static String oneLine(String text) {
        return escape(String.valueOf(text), true);
    }

    /**
     * A whole log message made safe: every control, line-breaking or bidi character escaped (a line
     * break too, so that nothing can pass for a line of its own), at most about
     * {@value #LONGEST_LINE} characters. The agent's logger applies it to every line it writes.
     */
    public static String line(String message) {
        return escape(cut(String.valueOf(message), LONGEST_LINE), false);
    }

    /** Whether this character must never reach a log line raw. */
    public static boolean isUnsafe(char c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) // C0 (CR, LF, VT, FF, ESC ...), DEL, C1 (U+0085 ...)
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR // U+2028, U+2029
                || type == Character.FORMAT; // bidi controls U+202A..U+202E, U+2066..U+2069, U+200E/F, zero-width characters
    }

    private static String cut(String text, int longest) {
        if (text.length() <= longest) {
            return text;
        }
        int tail = longest / 4;
        int head = longest - tail - 30;
        return text.substring(0, head) + "…(" + text.length() + " characters)…" + text.substring(text.length() - tail);
    }

    private static String escape(String text, boolean newlineAsSpace) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unsafe = isUnsafe(c) || Character.isSurrogate(c) && !pairedAt(text, i);
            if (!unsafe) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (c == '\n' && newlineAsSpace) {
                out.append(' ');
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean pairedAt(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
