package io.github.dismagent.jmx;

import io.github.dismagent.LogText;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a JMX operation (or attribute change) and logs it: who called it, with what, and what came
 * of it, or why it was refused.
 */
final class LoggingOperationRunner {
    private static final Logger log = LoggerFactory.getLogger(LoggingOperationRunner.class);

    private LoggingOperationRunner() {
    }

    /** @param argument the operation's argument, or null when it has none */
    static String run(String operation, String argument, Supplier<String> action) {
        String call = operation + (argument == null ? "" : "(" + printable(argument) + ")");
        try {
            String result = action.get();
            log.info("JMX {} by {}: {}", call, JmxCaller.describe(), oneLine(result));
            return result;
        } catch (RuntimeException e) {
            log.warn("JMX {} by {} refused: {}", call, JmxCaller.describe(), oneLine(String.valueOf(e.getMessage())));
            throw e;
        }
    }

    /** An argument fit for a log line, see {@link LogText#quoted}. */
    static String printable(String argument) {
        return LogText.quoted(argument);
    }

    /** A result fit for one log line: it may repeat what the caller typed. */
    static String oneLine(String text) {
        return LogText.oneLine(text);
    }
}
