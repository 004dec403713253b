package io.github.dismagent.agent.config;

import io.github.dismagent.monitor.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One agent option: its key, its default, and how a value is parsed strictly.
 *
 * @param <T> the parsed type
 */
public final class AgentOption<T> {
    private final String key;
    private final T defaultValue;
    private final Function<String, T> parser;
    private final boolean secret;
    private final Function<? super T, String> format;

    AgentOption(String key, T defaultValue, Function<String, T> parser, boolean secret) {
        this(key, defaultValue, parser, secret, value -> value instanceof Duration duration ? Durations.format(duration)
                : Objects.toString(value));
    }

    /**
     * @param format how a value is written as the option would be given, e.g. {@code warnings} for
     *               {@link io.github.dismagent.dism.DismLogLevel#WARNINGS}
     */
    AgentOption(String key, T defaultValue, Function<String, T> parser, boolean secret, Function<? super T, String> format) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.secret = secret;
        this.format = format;
    }

    public String key() {
        return key;
    }

    /** The default; null when the option has none. */
    public T defaultValue() {
        return defaultValue;
    }

    /** Whether its value is a secret, masked wherever the configuration is shown. */
    public boolean secret() {
        return secret;
    }

    /**
     * @throws IllegalArgumentException saying what is accepted
     */
    T parse(String raw) {
        return parser.apply(raw);
    }

    /** {@code dismagent.callTimeout}. */
    public String systemProperty() {
        return "dismagent." + key;
    }

    /** {@code DISMAGENT_CALL_TIMEOUT}: upper case, camel humps split by {@code _}. */
    public String environmentVariable() {
        return "DISMAGENT_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** How a value is shown in the log: secrets masked, absent values as {@code (none)}. */
    String show(Object value) {
        if (value == null) {
            return "(none)";
        }
        if (secret) {
            return "****";
        }
        @SuppressWarnings("unchecked")
        T typed = (T) value;
        return format.apply(typed);
    }

    @Override
    public String toString() {
        return key;
    }
}
