package io.github.dismagent.agent.config;

import io.github.dismagent.agent.security.PasswordHash;
import io.github.dismagent.dism.DismLogLevel;
import io.github.dismagent.dism.DismSettings;
import io.github.dismagent.jmx.DismJmx;
import io.github.dismagent.monitor.MonitorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.event.Level;

/**
 * Every option of the agent (docs/reference.md, "Options"). The options that
 * configure the core take their defaults and ranges from {@link MonitorSettings} and
 * {@link DismSettings}, where they are written once; the agent's own are written here.
 */
public final class AgentOptions {
    private static final MonitorSettings MONITOR = MonitorSettings.defaults();

    public static final AgentOption<Path> CONFIG = new AgentOption<>("config", null, Parsers.existingFile(), false);
    public static final AgentOption<Integer> PORT = new AgentOption<>("port", 9781, Parsers.port(), false);
    public static final AgentOption<String> BIND = new AgentOption<>("bind", "127.0.0.1", Parsers.bindAddress(), false);
    public static final AgentOption<Duration> INTERVAL = new AgentOption<>("interval", MONITOR.refreshInterval(),
            Parsers.duration(MonitorSettings.MIN_INTERVAL, MonitorSettings.MAX_INTERVAL), false);
    public static final AgentOption<Duration> CALL_TIMEOUT = new AgentOption<>("callTimeout", MONITOR.callTimeout(),
            Parsers.duration(MonitorSettings.MIN_CALL_TIMEOUT, MonitorSettings.MAX_CALL_TIMEOUT), false);
    public static final AgentOption<String> DISM_LIBRARY = new AgentOption<>("dismLibrary", DismSettings.defaults().library(),
            Parsers.libraryPathOrName(), false);
    public static final AgentOption<DismLogLevel> DISM_LOG_LEVEL = new AgentOption<>("dismLogLevel", DismSettings.defaults().logLevel(),
            Parsers.choice(List.of(DismLogLevel.values()), DismLogLevel::optionValue), false, DismLogLevel::optionValue);
    public static final AgentOption<Path> DISM_LOG_FILE = new AgentOption<>("dismLogFile", null, Parsers.fileInExistingDirectory(), false);
    public static final AgentOption<Path> SCRATCH_DIR = new AgentOption<>("scratchDir", null, Parsers.existingDirectory(), false);
    public static final AgentOption<Boolean> READ_ONLY = new AgentOption<>("readOnly", MONITOR.readOnly(), Parsers.bool(), false);
    public static final AgentOption<Boolean> ALLOW_CLEANUP = new AgentOption<>("allowCleanup", MONITOR.allowCleanup(), Parsers.bool(), false);
    /** Enables unmountDiscard, which throws away the changes made in a mount. */
    public static final AgentOption<Boolean> ALLOW_UNMOUNT = new AgentOption<>("allowUnmount", MONITOR.allowUnmount(), Parsers.bool(), false);
    public static final AgentOption<Boolean> AUTO_REMOUNT = new AgentOption<>("autoRemount", MONITOR.autoRemount(), Parsers.bool(), false);
    public static final AgentOption<Integer> AUTO_REMOUNT_MAX_ATTEMPTS = new AgentOption<>("autoRemountMaxAttempts",
            MONITOR.autoRemountMaxAttempts(),
            Parsers.integer(MonitorSettings.MIN_AUTO_REMOUNT_ATTEMPTS, MonitorSettings.MAX_AUTO_REMOUNT_ATTEMPTS), false);
    public static final AgentOption<Duration> AUTO_REMOUNT_BACKOFF = new AgentOption<>("autoRemountBackoff", MONITOR.autoRemountBackoff(),
            Parsers.duration(MonitorSettings.MIN_AUTO_REMOUNT_BACKOFF, MonitorSettings.MAX_AUTO_REMOUNT_BACKOFF), false);
    public static final AgentOption<String> JMX_DOMAIN = new AgentOption<>("jmxDomain", DismJmx.DEFAULT_DOMAIN, Parsers.objectNameDomain(), false);
    /** Where the agent's own log lines go (default: stderr). */
    public static final AgentOption<Path> LOG_FILE = new AgentOption<>("logFile", null, Parsers.fileInExistingDirectory(), false);
    /** The least important level the agent logs. */
    public static final AgentOption<Level> LOG_LEVEL = new AgentOption<>("logLevel", Level.INFO,
            Parsers.choice(List.of(Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG), AgentOptions::levelName), false,
            AgentOptions::levelName);

    /** The user HTTP basic authentication asks for; with httpPasswordHash. */
    public static final AgentOption<String> HTTP_USER = new AgentOption<>("httpUser", null, Parsers.userName(), false);
    /** That user's password as printed by {@code java -jar dismagent.jar hash-password}. */
    public static final AgentOption<PasswordHash> HTTP_PASSWORD_HASH = new AgentOption<>("httpPasswordHash", null, PasswordHash::parse, true);
    /** A PKCS12 keystore with the server's key and certificate; the endpoint then serves HTTPS only. */
    public static final AgentOption<Path> TLS_KEYSTORE = new AgentOption<>("tlsKeystore", null, Parsers.existingFile(), false);
    public static final AgentOption<String> TLS_KEYSTORE_PASSWORD = new AgentOption<>("tlsKeystorePassword", null, Parsers.secret(), true);
    /** A PKCS12 truststore of CA certificates; clients must then present a certificate they issued. */
    public static final AgentOption<Path> TLS_TRUSTSTORE = new AgentOption<>("tlsTruststore", null, Parsers.existingFile(), false);
    public static final AgentOption<String> TLS_TRUSTSTORE_PASSWORD = new AgentOption<>("tlsTruststorePassword", null, Parsers.secret(), true);

    /** The options that secure the HTTP endpoint: when one is malformed, the endpoint is not started at all. */
    public static final List<AgentOption<?>> HTTP_SECURITY = List.of(HTTP_USER, HTTP_PASSWORD_HASH, TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD,
            TLS_TRUSTSTORE, TLS_TRUSTSTORE_PASSWORD);

    /** In the order the effective configuration is logged. */
    public static final List<AgentOption<?>> ALL = List.of(CONFIG, PORT, BIND, INTERVAL, CALL_TIMEOUT, DISM_LIBRARY, DISM_LOG_LEVEL,
            DISM_LOG_FILE, SCRATCH_DIR, READ_ONLY, ALLOW_CLEANUP, ALLOW_UNMOUNT, AUTO_REMOUNT, AUTO_REMOUNT_MAX_ATTEMPTS, AUTO_REMOUNT_BACKOFF,
            JMX_DOMAIN, LOG_FILE, LOG_LEVEL, HTTP_USER, HTTP_PASSWORD_HASH, TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD, TLS_TRUSTSTORE,
            TLS_TRUSTSTORE_PASSWORD);

    private AgentOptions() {
    }

    private static String levelName(Level level) {
        return level.name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AgentOption<?>> byKey(String key) {
        return ALL.stream().filter(o -> o.key().equals(key)).findFirst();
    }
}
