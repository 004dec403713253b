package io.github.dismagent.agent.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the status page makes of a string that came from outside (DISM, the request): shortened to a
 * documented length, invisible or reordering characters shown as {@code \}{@code uXXXX}, then
 * HTML-escaped. A cell of at most {@code max} code points thus takes at most {@code 6 * max}
 * characters of HTML ({@value #WORST_EXPANSION} per code point: {@code \}{@code u202E} or {@code &quot;}).
 */
final class PageText {
    /** Characters of HTML one code point of input can become at most. */
    static final int WORST_EXPANSION = 6;
    /** Where a shortened value was cut. */
    private static final String MARKER = "\u2026";

    private PageText() {
    }

    /** {@code value} shortened to {@code max} code points when longer, made visible and HTML-escaped. */
    static String cell(String value, int max) {
        return html(visible(shorten(value, max)));
    }

    /**
     * The value itself when it has at most {@code max} code points; otherwise its start, {@code …}, its
     * end and {@code [#}8 hex digits of its SHA-256{@code ]}, so that two long paths that differ only in the
     * middle stay distinct. The result has at most {@code max} code points (max at least 40).
     */
    static String shorten(String value, int max) {
        int codePoints = value.codePointCount(0, value.length());
        if (codePoints <= max) {
            return value;
        }
        String hash = " [#" + shortHash(value) + "]";
        int room = max - MARKER.length() - hash.length();
        int tail = room / 3;
        int head = room - tail;
        int headEnd = value.offsetByCodePoints(0, head);
        int tailStart = value.offsetByCodePoints(value.length(), -tail);
        return value.substring(0, headEnd) + MARKER + value.substring(tailStart) + hash;
    }

    static String shortHash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Controls (C0, DEL, C1 including U+0085), line and paragraph separators, bidirectional and
     * zero-width format characters, the BOM and lone surrogates as {@code \}{@code uXXXX}; everything else as it is.
     * ESC thus shows as {@code \}{@code u001B}, so that no terminal or browser acts on a sequence.
     */
    static String visible(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean loneSurrogate = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1)) || Character.isLowSurrogate(c) && i > 0
                    && Character.isHighSurrogate(value.charAt(i - 1)));
            if (shownEscaped(c) || loneSurrogate) {
                if (out == null) {
                    out = new StringBuilder(value.length() + 16).append(value, 0, i);
                }
                out.append(String.format("\\u%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? value : out.toString();
    }

    private static boolean shownEscaped(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F)
                || c == '\u061C' // Arabic letter mark
                || (c >= '\u200B' && c <= '\u200F') // zero-width characters, LRM, RLM
                || (c >= '\u2028' && c <= '\u202E') // line and paragraph separators, LRE RLE PDF LRO RLO
                || (c >= '\u2060' && c <= '\u206F') // word joiner, invisible operators, LRI RLI FSI PDI, deprecated formats
                || c == '\uFEFF';
    }

    /** Text as HTML text or attribute value: {@code & < > " '} escaped. */
    static String html(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String entity = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (entity != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (entity != null) {
                    out.append(entity);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
