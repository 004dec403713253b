package io.github.dismagent.agent.logging;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The agent's lines handed to the host's own logging through {@code java.util.logging}, which
 * WildFly's log manager and Tomcat's JULI route to their log files with their levels, under the
 * categories {@code io.github.dismagent.<class>}. Used only once the host has installed its log manager:
 * this class is the agent's only use of java.util.logging.
 */
final class HostLogging {
    static final String CATEGORY = "io.github.dismagent";

    private HostLogging() {
    }

    static void publish(org.slf4j.event.Level level, String logger, String message, Throwable throwable) {
        Logger target = Logger.getLogger(CATEGORY + "." + logger);
        Level julLevel = switch (level) {
            case ERROR -> Level.SEVERE;
            case WARN -> Level.WARNING;
            case INFO -> Level.INFO;
            case DEBUG -> Level.FINE;
            case TRACE -> Level.FINER;
        };
        if (!target.isLoggable(julLevel)) {
            return;
        }
        LogRecord record = new LogRecord(julLevel, message);
        record.setLoggerName(target.getName());
        record.setThrown(throwable);
        // Without these the host's formatters show AgentLogger's internals (or nothing) as the source.
        record.setSourceClassName(CATEGORY + "." + logger);
        record.setSourceMethodName(null);
        target.log(record);
    }
}
