package io.github.dismagent.jmx;

import io.github.dismagent.LogText;
import io.github.dismagent.monitor.MonitorOperations;
import io.github.dismagent.monitor.MountPaths;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a JMX operation and logs it: who called it, with what, and what came of it. */
final class OperationLog {
    private static final Logger log = LoggerFactory.getLogger(OperationLog.class);

    private final MonitorOperations commands;

    OperationLog(MonitorOperations commands) {
        this.commands = commands;
    }

    MonitorOperations commands() {
        return commands;
    }

    /** @param argument the operation's argument, or null when it has none */
    String run(String operation, String argument, Supplier<String> action) {
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

    /** An argument fit for a log line, see {@link LogText#quoted}; mount paths abbreviated as paths. */
    static String printable(String argument) {
        return LogText.quoted(MountPaths.abbreviate(argument));
    }

    /** A result fit for one log line: it may repeat what the caller typed. */
    static String oneLine(String text) {
        return LogText.oneLine(text);
    }
}
