package io.github.dismagent.agent.config;

import io.github.dismagent.LogText;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Reads the agent's options (docs/reference.md, "Options"), in this order of precedence: agent arguments
 * ({@code key=value,key=value}), system properties {@code dismagent.<key>}, environment variables
 * {@code DISMAGENT_<KEY>}, the {@code .properties} file named by {@code config}, the defaults.
 *
 * <p>Nothing here throws: an unknown key, a malformed value or a missing file becomes one problem
 * line naming the key, where it came from and what is accepted, and the key keeps its default.
 */
public final class ConfigLoader {
    private static final Pattern MAY_NAME_A_SECRET = Pattern.compile("(?i)pass|hash|secret");
    private static final Pattern SINGLE_BACKSLASH = Pattern.compile("(?<!\\\\)\\\\(?![\\\\tnrfu])");

    /** The configuration, and one line per problem found on the way. */
    public record Result(AgentConfig config, List<String> problems) {
    }

    private record Raw(String value, String source) {
    }

    private ConfigLoader() {
    }

    public static Result load(String agentArguments, Map<String, String> systemProperties, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        Map<String, Raw> arguments = fromArguments(agentArguments, problems);
        Map<String, Raw> properties = fromSystemProperties(systemProperties, problems);
        Map<String, Raw> variables = fromEnvironment(environment, problems);
        List<Map<String, Raw>> sources = new ArrayList<>(List.of(arguments, properties, variables));

        Map<AgentOption<?>, Object> values = new LinkedHashMap<>();
        Map<AgentOption<?>, String> origins = new LinkedHashMap<>();
        Set<AgentOption<?>> rejected = new HashSet<>();
        resolve(AgentOptions.CONFIG, sources, values, origins, rejected, problems);
        Path file = (Path) values.get(AgentOptions.CONFIG);
        if (file != null) {
            sources.add(fromFile(file, problems));
        }
        for (AgentOption<?> option : AgentOptions.ALL) {
            if (option != AgentOptions.CONFIG) {
                resolve(option, sources, values, origins, rejected, problems);
            }
        }
        return new Result(new AgentConfig(values, origins, rejected), problems);
    }

    private static void resolve(AgentOption<?> option, List<Map<String, Raw>> sources, Map<AgentOption<?>, Object> values,
                                Map<AgentOption<?>, String> origins, Set<AgentOption<?>> rejected, List<String> problems) {
        values.put(option, option.defaultValue());
        origins.put(option, "default");
        for (Map<String, Raw> source : sources) {
            Raw raw = source.get(option.key());
            if (raw == null) {
                continue;
            }
            try {
                // A password is taken as it stands: leading or trailing spaces may be part of it.
                values.put(option, option.parse(option.secret() ? raw.value() : raw.value().strip()));
                origins.put(option, raw.source());
            } catch (IllegalArgumentException e) {
                rejected.add(option);
                problems.add(option.key() + "=" + (option.secret() ? "****" : LogText.shown(raw.value())) + " (" + raw.source() + "): "
                        + e.getMessage() + "; using the default, " + option.show(option.defaultValue()));
            }
            return;
        }
    }

    private static Map<String, Raw> fromArguments(String arguments, List<String> problems) {
        Map<String, Raw> found = new LinkedHashMap<>();
        if (arguments == null || arguments.isBlank()) {
            return found;
        }
        boolean afterSecret = false;
        for (String pair : arguments.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                // After a password this is most likely the rest of it, cut at a comma; and "tlsKeystorePassword secret" is
                // a password with a typo. Neither is repeated.
                boolean mayHoldASecret = afterSecret || MAY_NAME_A_SECRET.matcher(pair).find();
                problems.add((mayHoldASecret ? "an agent argument (not repeated: it may hold a password)" : "agent argument "
                        + LogText.quoted(pair.strip())) + " is not key=value (agent arguments are key=value pairs separated by commas; "
                        + "put values that contain commas in the config file" + (mayHoldASecret ? " or the DISMAGENT_* environment variable" : "")
                        + ")");
                continue;
            }
            String key = pair.substring(0, eq).strip();
            afterSecret = AgentOptions.byKey(key).map(AgentOption::secret).orElse(false);
            if (known(key, "agent argument", problems)) {
                if (found.containsKey(key)) {
                    problems.add("agent argument " + key + " is given twice; the last one counts");
                }
                found.put(key, new Raw(pair.substring(eq + 1), "agent argument"));
            }
        }
        return found;
    }

    /** Agent arguments fit for a log line: the values of password options as ****, a pair that may hold one left out. */
    public static String masked(String arguments) {
        StringJoiner shown = new StringJoiner(",");
        boolean afterSecret = false;
        for (String pair : arguments.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                shown.add(afterSecret || MAY_NAME_A_SECRET.matcher(pair).find() ? "…" : LogText.shown(pair));
                continue;
            }
            String key = pair.substring(0, eq).strip();
            afterSecret = AgentOptions.byKey(key).map(AgentOption::secret).orElse(MAY_NAME_A_SECRET.matcher(key).find());
            shown.add(LogText.shown(key) + "=" + (afterSecret ? "****" : LogText.shown(pair.substring(eq + 1))));
        }
        return shown.toString();
    }

    private static Map<String, Raw> fromSystemProperties(Map<String, String> properties, List<String> problems) {
        Map<String, Raw> found = new LinkedHashMap<>();
        properties.forEach((name, value) -> {
            if (name.startsWith("dismagent.")) {
                String key = name.substring("dismagent.".length());
                if (known(key, "system property " + name, problems)) {
                    found.put(key, new Raw(value, "system property " + name));
                }
            }
        });
        return found;
    }

    private static Map<String, Raw> fromEnvironment(Map<String, String> environment, List<String> problems) {
        Map<String, Raw> found = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith("DISMAGENT_")) {
                Optional<AgentOption<?>> option = AgentOptions.ALL.stream().filter(o -> o.environmentVariable().equals(name)).findFirst();
                if (option.isPresent()) {
                    found.put(option.get().key(), new Raw(value, "environment variable " + name));
                } else {
                    problems.add("environment variable " + name + " is not a dismagent option; known: "
                            + String.join(", ", AgentOptions.ALL.stream().map(AgentOption::environmentVariable).toList()));
                }
            }
        });
        return found;
    }

    private static Map<String, Raw> fromFile(Path file, List<String> problems) {
        Map<String, Raw> found = new LinkedHashMap<>();
        String source = "config file " + file;
        Properties properties = new Properties();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1); // Notepad's byte order mark
            }
            try (Reader reader = new java.io.StringReader(text)) {
                properties.load(reader);
            }
        } catch (IOException | IllegalArgumentException e) {
            problems.add(source + " cannot be read (" + e.getMessage() + "); its options are not used");
            return found;
        }
        warnAboutSingleBackslashes(text, source, problems);
        for (String key : properties.stringPropertyNames()) {
            if (key.equals(AgentOptions.CONFIG.key())) {
                problems.add(source + ": config cannot name another file; ignored");
            } else if (known(key, source, problems)) {
                found.put(key, new Raw(properties.getProperty(key), source));
            }
        }
        return found;
    }

    /** In a .properties file "C:\Mount" reads as "C:Mount"; a Windows admin deserves to be told. */
    private static void warnAboutSingleBackslashes(String text, String source, List<String> problems) {
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("#") && !line.startsWith("!") && SINGLE_BACKSLASH.matcher(line).find()) {
                problems.add(source + " line " + (i + 1) + ": a single \\ is dropped in a .properties file; write paths with "
                        + "\\\\ or / (C:\\\\Mount or C:/Mount)");
            }
        }
    }

    private static boolean known(String key, String source, List<String> problems) {
        if (AgentOptions.byKey(key).isPresent()) {
            return true;
        }
        String suggestion = AgentOptions.ALL.stream().map(AgentOption::key)
                .filter(k -> distance(k.toLowerCase(), key.toLowerCase()) <= 2).findFirst()
                .map(k -> " (did you mean " + k + "?)").orElse("");
        problems.add("unknown option " + LogText.quoted(key) + " (" + source + ")" + suggestion + "; known options: "
                + String.join(", ", AgentOptions.ALL.stream().map(AgentOption::key).toList()));
        return false;
    }

    /** Levenshtein distance, for suggestions. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
