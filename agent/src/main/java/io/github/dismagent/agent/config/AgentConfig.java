package io.github.dismagent.agent.config;

import io.github.dismagent.agent.security.SecurityOptions;
import io.github.dismagent.dism.DismSettings;
import io.github.dismagent.monitor.MonitorSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The agent's effective configuration: a typed value for every option, where each came from, and
 * the typed settings of each layer it configures ({@link #monitorSettings()}, {@link #dismSettings()},
 * {@link #securityOptions()}), which validate themselves.
 */
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
        return MonitorSettings.builder()
                .refreshInterval(get(AgentOptions.INTERVAL))
                .callTimeout(get(AgentOptions.CALL_TIMEOUT))
                .readOnly(get(AgentOptions.READ_ONLY))
                .allowCleanup(get(AgentOptions.ALLOW_CLEANUP))
                .allowUnmount(get(AgentOptions.ALLOW_UNMOUNT))
                .autoRemount(get(AgentOptions.AUTO_REMOUNT))
                .autoRemountMaxAttempts(get(AgentOptions.AUTO_REMOUNT_MAX_ATTEMPTS))
                .autoRemountBackoff(get(AgentOptions.AUTO_REMOUNT_BACKOFF))
                .build();
    }

    public DismSettings dismSettings() {
        return new DismSettings(get(AgentOptions.DISM_LIBRARY), get(AgentOptions.DISM_LOG_LEVEL), pathString(get(AgentOptions.DISM_LOG_FILE)),
                pathString(get(AgentOptions.SCRATCH_DIR)));
    }

    /** The options that protect the HTTP endpoint, for {@link io.github.dismagent.agent.security.EndpointSecurity#from}. */
    public SecurityOptions securityOptions() {
        List<String> unusable = AgentOptions.HTTP_SECURITY.stream().filter(this::rejected).map(AgentOption::key).toList();
        List<SecurityOptions.ExposedSecret> exposed = new ArrayList<>();
        for (AgentOption<?> option : AgentOptions.ALL) {
            String source = source(option);
            if (option.secret() && (source.equals("agent argument") || source.startsWith("system property"))) {
                exposed.add(new SecurityOptions.ExposedSecret(option.key(), source.equals("agent argument") ? "agent arguments" : source,
                        option.environmentVariable()));
            }
        }
        return new SecurityOptions(get(AgentOptions.HTTP_USER), get(AgentOptions.HTTP_PASSWORD_HASH), get(AgentOptions.TLS_KEYSTORE),
                get(AgentOptions.TLS_KEYSTORE_PASSWORD), get(AgentOptions.TLS_TRUSTSTORE), get(AgentOptions.TLS_TRUSTSTORE_PASSWORD),
                get(AgentOptions.BIND), unusable, exposed);
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
