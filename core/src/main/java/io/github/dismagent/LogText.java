package io.github.dismagent;

/**
 * Text from outside (an option value, a JMX argument, a mount path) made fit for one log line: a
 * line break or other control character in it must not let whoever typed it write log lines of
 * their own, and a 40,000-character value must not become a 40,000-character line.
 */
public final class LogText {
    private static final int LONGEST = 200;

    private LogText() {
    }

    /** {@code 'value'}: see {@link #shown}. */
    public static String quoted(String text) {
        return text == null ? "(null)" : "'" + shown(text) + "'";
    }

    /** The text abbreviated in the middle when long, every control or line-breaking character escaped as {@code \\uXXXX}. */
    public static String shown(String text) {
        return escape(abbreviate(text), false);
    }

    /** Long text cut in the middle, saying how long it was; text of at most 200 characters as it is. */
    public static String abbreviate(String text) {
        return text.length() <= LONGEST ? text
                : text.substring(0, 120) + "…(" + text.length() + " characters)…" + text.substring(text.length() - 60);
    }

    /** The text on one line: its own line breaks as spaces, other control characters escaped. */
    public static String oneLine(String text) {
        return escape(String.valueOf(text), true);
    }

    private static String escape(String text, boolean newlineAsSpace) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            int type = Character.getType(c);
            boolean breaksLines = Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            if (c == '\n' && newlineAsSpace) {
                out.append(' ');
            } else if (breaksLines) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
