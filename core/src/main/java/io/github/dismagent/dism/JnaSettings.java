package io.github.dismagent.dism;

import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The JVM-wide system properties that change how JNA, dismagent's own copy included, loads its
 * native part. A host that sets them for its own JNA sets them for dismagent's too; the first
 * Windows log should show it.
 */
public final class JnaSettings {
    /** The properties, in the order they are reported. */
    public static final List<String> PROPERTIES = List.of("jna.nounpack", "jna.boot.library.path", "jna.nosys", "jna.tmpdir");

    private JnaSettings() {
    }

    /** {@code jna.tmpdir=D:\jna, jna.nosys=true} for the properties this JVM sets; empty when none. */
    public static Optional<String> setByTheHost() {
        StringJoiner set = new StringJoiner(", ");
        for (String property : PROPERTIES) {
            String value = System.getProperty(property);
            if (value != null) {
                set.add(property + "=" + value);
            }
        }
        return set.length() == 0 ? Optional.empty() : Optional.of(set.toString());
    }
}
