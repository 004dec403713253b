package io.github.dismagent.dism;

import io.github.dismagent.BoundedText;
import io.github.dismagent.LogText;
import java.util.Objects;
import java.util.Optional;

/**
 * A mount path known to be well-formed: an absolute Windows path ({@code C:\Mount\win11}, a UNC
 * path or a {@code \\?\} path), at most {@value #MAX_LENGTH} UTF-16 units, without NUL. Text from
 * outside (a JMX argument, a path DISM listed) becomes one at the edge, through {@link #of}, once;
 * everything below takes this type and checks nothing again.
 *
 * <p>Two spellings of one path compare the Windows way through {@link #key()}: case-insensitive,
 * {@code /} and {@code \} alike, a trailing separator and the {@code \\?\} prefix ignored.
 */
public final class MountPath {
    /** The longest path Windows allows, in UTF-16 code units. */
    public static final int MAX_LENGTH = 32_767;
    /** Keys of longer paths are their start, end and full SHA-256, not a second whole copy of the path. */
    static final int LONGEST_KEY = 256;
    private static final String AS_SHOWN = "give it as MountedImages shows it, e.g. C:\\Mount\\win11";

    private final String value;

    private MountPath(String value) {
        this.value = value;
    }

    /**
     * @throws IllegalArgumentException saying what is wrong and what is accepted ({@link #problem})
     */
    public static MountPath of(String text) {
        Optional<String> problem = problem(text);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return new MountPath(text);
    }

    /** What is wrong with this text as a mount path, or empty when it is one. */
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
            return Optional.of(LogText.quoted(path) + " is not an absolute Windows path; " + AS_SHOWN);
        }
        return Optional.empty();
    }

    /** The path as given. */
    public String value() {
        return value;
    }

    /** The form under which two spellings of this path compare equal. */
    public String key() {
        return key(value);
    }

    /**
     * {@link #key()} of a path as DISM listed it; "" for a NULL pointer. For a path longer than
     * {@value #LONGEST_KEY} characters, the upper-cased path shortened by {@link BoundedText} with the
     * whole SHA-256 (two keys are equal exactly when the paths compare equal, but for a SHA-256 collision).
     */
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
        // A key is kept beside every image and in several maps: a long path is keyed by a digest, not a second copy.
        return BoundedText.shortened(new String(chars), LONGEST_KEY, 64);
    }

    private static boolean isAbsolute(String path) {
        String p = path.replace('/', '\\');
        boolean drive = p.length() >= 3 && Character.isLetter(p.charAt(0)) && p.charAt(0) < 128 && p.charAt(1) == ':' && p.charAt(2) == '\\';
        boolean unc = p.startsWith("\\\\") && p.length() > 2;
        return drive || unc;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MountPath that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
