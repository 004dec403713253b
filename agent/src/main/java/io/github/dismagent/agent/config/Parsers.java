package io.github.dismagent.agent.config;

import io.github.dismagent.monitor.Durations;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** Strict parsers for option values; each failure says what was wrong and what is accepted. */
final class Parsers {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern HOST_NAME = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private Parsers() {
    }

    static Function<String, Boolean> bool() {
        return raw -> switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a boolean; expected true or false");
        };
    }

    static Function<String, Integer> integer(int min, int max) {
        return raw -> {
            int value;
            try {
                value = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number; expected one from " + min + " to " + max);
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("out of range; expected a whole number from " + min + " to " + max);
            }
            return value;
        };
    }

    static Function<String, Integer> port() {
        return raw -> {
            try {
                int value = Integer.parseInt(raw);
                if (value >= -1 && value <= 65535) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // explained below
            }
            throw new IllegalArgumentException("not a port; expected a number from 1 to 65535, 0 for any free port, or -1 for no HTTP");
        };
    }

    static Function<String, Duration> duration(Duration min, Duration max) {
        return raw -> {
            Duration value = Durations.parse(raw);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException("out of range; expected a duration from " + Durations.format(min) + " to "
                        + Durations.format(max) + " (" + Durations.FORM + ")");
            }
            return value;
        };
    }

    /** A literal IPv4 or IPv6 address or a host name; only checked here, resolved when the server binds. */
    static Function<String, String> bindAddress() {
        return raw -> {
            if (IPV4.matcher(raw).matches()) {
                for (String octet : raw.split("\\.")) {
                    if (Integer.parseInt(octet) > 255) {
                        throw new IllegalArgumentException("not an IPv4 address (" + octet + " is more than 255); expected an address "
                                + "such as 127.0.0.1 or 0.0.0.0, an IPv6 address such as ::1, or a host name");
                    }
                }
                return raw;
            }
            if (raw.contains(":")) {
                String literal = raw.startsWith("[") && raw.endsWith("]") ? raw.substring(1, raw.length() - 1) : raw;
                if (literal.matches("[0-9a-fA-F:.%]+")) {
                    return literal;
                }
            }
            if (HOST_NAME.matcher(raw).matches() && !raw.matches("[\\d.]+")) {
                return raw;
            }
            throw new IllegalArgumentException("not an address; expected an IPv4 address such as 127.0.0.1 or 0.0.0.0, "
                    + "an IPv6 address such as ::1, or a host name");
        };
    }

    /** One of the given values, named (case-insensitively) as {@code name} writes it. */
    static <T> Function<String, T> choice(List<T> accepted, Function<T, String> name) {
        return raw -> {
            String given = raw.toLowerCase(Locale.ROOT);
            return accepted.stream().filter(value -> name.apply(value).equals(given)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("not one of "
                            + String.join(", ", accepted.stream().map(name).toList())));
        };
    }

    static Function<String, String> objectNameDomain() {
        return raw -> {
            try {
                ObjectName name = new ObjectName(raw + ":type=DismImages");
                if (name.isDomainPattern() || raw.isEmpty()) {
                    throw new MalformedObjectNameException("pattern");
                }
                return raw;
            } catch (MalformedObjectNameException e) {
                throw new IllegalArgumentException("not a JMX domain; expected a name without : * ? , = or a line break, e.g. io.github.dismagent");
            }
        };
    }

    /** A user name for HTTP basic authentication: no colon (it separates user and password), no control character. */
    static Function<String, String> userName() {
        return raw -> {
            if (raw.isEmpty() || raw.length() > 256 || raw.chars().anyMatch(c -> c == ':' || Character.isISOControl(c))) {
                throw new IllegalArgumentException("not a user name; expected 1 to 256 characters without ':' or control characters");
            }
            return raw;
        };
    }

    /** A password or passphrase: any text, not empty; never repeated in a message. */
    static Function<String, String> secret() {
        return raw -> {
            if (raw.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            return raw;
        };
    }

    static Function<String, Path> existingFile() {
        return raw -> {
            Path path = path(raw);
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("no such file");
            }
            return path;
        };
    }

    static Function<String, Path> existingDirectory() {
        return raw -> {
            Path path = path(raw);
            if (!Files.isDirectory(path)) {
                throw new IllegalArgumentException("no such directory");
            }
            return path;
        };
    }

    /** A file that may not exist yet but whose directory does. */
    static Function<String, Path> fileInExistingDirectory() {
        return raw -> {
            Path path = path(raw).toAbsolutePath();
            if (path.getParent() == null || !Files.isDirectory(path.getParent())) {
                throw new IllegalArgumentException("its directory " + path.getParent() + " does not exist");
            }
            return path;
        };
    }

    /** A path, or a bare library name that the loader searches for. */
    static Function<String, String> libraryPathOrName() {
        return raw -> {
            if (raw.isBlank()) {
                throw new IllegalArgumentException("empty");
            }
            boolean isPath = raw.contains("/") || raw.contains("\\");
            if (isPath && !Files.isRegularFile(path(raw))) {
                throw new IllegalArgumentException("no such file; give the path of dismapi.dll (or of the emulator's libDismAPI)");
            }
            return raw;
        };
    }

    private static Path path(String raw) {
        if (raw.isBlank()) {
            throw new IllegalArgumentException("empty");
        }
        try {
            return Path.of(raw);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path: " + e.getReason());
        }
    }
}
