package io.github.dismagent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A string from DISM (a path Windows allows up to 32,767 characters long) made into something the
 * agent keeps or shows many times over (a metric label, an MBean name, a lookup key) without keeping
 * a copy of the whole: its start and end, with {@code …} between them and {@code #} and hex digits
 * of the SHA-256 of the whole value after them, so that two long values that differ only in the
 * middle stay distinct. Values that fit are returned as they are.
 */
public final class BoundedText {
    private BoundedText() {
    }

    /**
     * At most {@code longest} UTF-16 units (at least 64): the value when it fits, else its first
     * and last characters, {@code …}, {@code #} and {@code hashDigits} hex digits of its SHA-256.
     */
    public static String shortened(String value, int longest, int hashDigits) {
        if (value.length() <= longest) {
            return value;
        }
        int room = longest - 2 - hashDigits;
        int tail = room / 3;
        String head = whole(value.substring(0, room - tail));
        String end = whole(value.substring(value.length() - tail));
        return head + "…" + end + "#" + sha256(value).substring(0, hashDigits);
    }

    private static String whole(String part) {
        int start = Character.isLowSurrogate(part.charAt(0)) ? 1 : 0;
        int end = Character.isHighSurrogate(part.charAt(part.length() - 1)) ? part.length() - 1 : part.length();
        return part.substring(start, end);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
