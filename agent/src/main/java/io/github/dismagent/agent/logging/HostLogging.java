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
            case ERROR -> hostLevel("ERROR", Level.SEVERE);
            case WARN -> hostLevel("WARN", Level.WARNING);
            case INFO -> Level.INFO;
            case DEBUG -> hostLevel("DEBUG", Level.FINE);
            case TRACE -> hostLevel("TRACE", Level.FINER);
        };
        if (!target.isLoggable(julLevel)) {
            return;
        }
        LogRecord record = new LogRecord(julLevel, message);
        record.setLoggerName(target.getName());
        record.setThrown(throwable);
        // Without these the host's formatters would show this class as the source; "class.method"
        // formatters (Tomcat's JULI) then print io.github.dismagent.<Class>.
        record.setSourceClassName(CATEGORY);
        record.setSourceMethodName(logger);
        target.log(record);
    }

    /**
     * The host's own level of that name when its log manager defines one (WildFly's shows ERROR and
     * WARN, as its own lines do, where java.util.logging's SEVERE and WARNING would read differently
     * from every other line an admin filters on), else java.util.logging's (Tomcat's JULI shows those).
     */
    private static Level hostLevel(String name, Level standard) {
        try {
            Level found = Level.parse(name);
            return found.intValue() == standard.intValue() ? found : standard;
        } catch (IllegalArgumentException notDefinedByTheHost) {
            return standard;
        }
    }
}
