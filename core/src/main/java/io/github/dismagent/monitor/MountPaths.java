package io.github.dismagent.monitor;

import io.github.dismagent.LogText;
import java.util.Optional;

/**
 * Mount paths as Windows compares them: case-insensitive, {@code /} and {@code \} alike, a
 * trailing separator and the {@code \\?\} prefix ignored.
 */
public final class MountPaths {
    /** The longest path Windows allows, in UTF-16 code units. */
    public static final int MAX_LENGTH = 32_767;
    private static final String AS_SHOWN = "give it as MountedImages shows it, e.g. C:\\Mount\\win11";

    private MountPaths() {
    }

    /**
     * What is wrong with a mount path an operator typed, or empty when it can be looked up.
     * Accepted: an absolute Windows path, {@code C:\Mount\win11}, a UNC path or a {@code \\?\} path.
     */
    public static Optional<String> problem(String path) {
        if (path == null || path.isBlank()) {
            return Optional.of("a mount path is required, e.g. C:\\Mount\\win11 (as MountedImages shows it)");
        }
        if (path.indexOf('\0') >= 0) {
            return Optional.of("the mount path contains a NUL character, which no Windows path can; " + AS_SHOWN);
        }
        if (path.length() > MAX_LENGTH) {
            return Optional.of("the mount path is " + path.length() + " characters long; Windows paths have at most " + MAX_LENGTH + "; "
                    + AS_SHOWN);
        }
        if (!isAbsolute(path)) {
            return Optional.of(LogText.quoted(abbreviate(path)) + " is not an absolute Windows path; " + AS_SHOWN);
        }
        return Optional.empty();
    }

    /** The form under which two spellings of one mount path compare equal; "" for a path DISM did not give. */
    public static String key(String path) {
        if (path == null) {
            return "";
        }
        String p = path.replace('/', '\\');
        if (p.startsWith("\\\\?\\UNC\\")) {
            p = "\\\\" + p.substring(8);
        } else if (p.startsWith("\\\\?\\")) {
            p = p.substring(4);
        }
        int end = p.length();
        while (end > 1 && p.charAt(end - 1) == '\\') {
            end--;
        }
        char[] chars = p.substring(0, end).toCharArray();
        // Per code unit, as NTFS compares names: no multi-character mappings such as ß to SS.
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toUpperCase(chars[i]);
        }
        return new String(chars);
    }

    /** For messages: long paths cut in the middle. */
    public static String abbreviate(String path) {
        return path.length() <= 200 ? path : path.substring(0, 120) + "…(" + path.length() + " characters)…" + path.substring(path.length() - 60);
    }

    private static boolean isAbsolute(String path) {
        String p = path.replace('/', '\\');
        boolean drive = p.length() >= 3 && Character.isLetter(p.charAt(0)) && p.charAt(0) < 128 && p.charAt(1) == ':' && p.charAt(2) == '\\';
        boolean unc = p.startsWith("\\\\") && p.length() > 2;
        return drive || unc;
    }
}
