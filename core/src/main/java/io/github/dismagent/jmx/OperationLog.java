package io.github.dismagent.jmx;

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
            log.info("JMX {} by {}: {}", call, JmxCaller.describe(), result.replace('\n', ' '));
            return result;
        } catch (RuntimeException e) {
            log.warn("JMX {} by {} refused: {}", call, JmxCaller.describe(), e.getMessage());
            throw e;
        }
    }

    /** An argument fit for a log line: abbreviated, control characters shown escaped. */
    private static String printable(String argument) {
        StringBuilder out = new StringBuilder();
        for (char c : MountPaths.abbreviate(argument).toCharArray()) {
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return "'" + out + "'";
    }
}
