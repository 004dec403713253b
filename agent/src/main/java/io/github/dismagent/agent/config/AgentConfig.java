package io.github.dismagent.agent.config;

import io.github.dismagent.dism.DismLogLevel;
import io.github.dismagent.dism.DismSettings;
import io.github.dismagent.monitor.Durations;
import io.github.dismagent.monitor.MonitorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/** The agent's effective configuration: a value for every option, and where each came from. */
public final class AgentConfig {
    private final Map<AgentOption<?>, Object> values;
    private final Map<AgentOption<?>, String> sources;
    private final Set<AgentOption<?>> rejected;

    AgentConfig(Map<AgentOption<?>, Object> values, Map<AgentOption<?>, String> sources, Set<AgentOption<?>> rejected) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        this.rejected = Set.copyOf(rejected);
    }

    /** Whether the option was given with a value that could not be used (and so has its default). */
    public boolean rejected(AgentOption<?> option) {
        return rejected.contains(option);
    }

    /** The value of an option; null for an option without default that was not given. */
    @SuppressWarnings("unchecked")
    public <T> T get(AgentOption<T> option) {
        return (T) values.get(option);
    }

    /** Where the value came from: {@code default}, {@code agent argument}, {@code DISMAGENT_PORT} ... */
    public String source(AgentOption<?> option) {
        return sources.get(option);
    }

    public MonitorSettings monitorSettings() {
        return new MonitorSettings(get(AgentOptions.INTERVAL), get(AgentOptions.CALL_TIMEOUT), get(AgentOptions.READ_ONLY),
                get(AgentOptions.ALLOW_CLEANUP), get(AgentOptions.AUTO_REMOUNT), get(AgentOptions.AUTO_REMOUNT_MAX_ATTEMPTS),
                get(AgentOptions.AUTO_REMOUNT_BACKOFF));
    }

    public DismSettings dismSettings() {
        DismLogLevel level = DismLogLevel.valueOf(get(AgentOptions.DISM_LOG_LEVEL).toUpperCase(Locale.ROOT));
        return new DismSettings(get(AgentOptions.DISM_LIBRARY), level, pathString(get(AgentOptions.DISM_LOG_FILE)),
                pathString(get(AgentOptions.SCRATCH_DIR)));
    }

    private static String pathString(Path path) {
        return path == null ? null : path.toString();
    }

    /** One line for the log: every option with its value and, when not the default, its source; secrets masked. */
    public String describe() {
        StringJoiner line = new StringJoiner(", ");
        for (AgentOption<?> option : AgentOptions.ALL) {
            String shown = option.show(values.get(option));
            String source = sources.get(option);
            line.add(option.key() + "=" + shown + ("default".equals(source) ? "" : " (" + source + ")"));
        }
        return line.toString();
    }
}
