package io.github.dismagent.agent.logging;

import io.github.dismagent.LogText;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.event.Level;

/**
 * Where the agent's log lines go: the JVM's stderr (which a Windows service wrapper such as
 * Tomcat's procrun or WinSW writes to a log file), or a file of its own. One line per event:
 * {@code 2026-11-21T13:05:00.123Z WARN  dismagent DismMonitor: DISM is unavailable: ...}.
 * Until the agent knows the host's own log manager is installed it never touches
 * {@code java.util.logging}, which some hosts (WildFly) must set up first; after
 * {@link #routeToHostLogging()} lines go to the host's logging at their own level (on WildFly a line on
 * stderr would show as {@code ERROR [stderr]}), unless a {@code logFile} was given.
 */
public final class AgentLog {
    private static final Object LOCK = new Object();
    private static volatile Level threshold = Level.INFO;
    private static volatile Writer file;
    private static volatile boolean hostLogging;

    private AgentLog() {
    }

    /**
     * @param level the least important level written
     * @param path  a file to append to, or null for stderr
     * @return why the file could not be opened, or null
     */
    public static String configure(Level level, Path path) {
        threshold = level;
        if (path == null) {
            return null;
        }
        try {
            Writer opened = new OutputStreamWriter(Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE), StandardCharsets.UTF_8);
            synchronized (LOCK) {
                file = opened;
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "cannot write the log file " + path + " (" + e.getMessage() + "); logging to stderr instead";
        }
    }

    /**
     * From now on, lines without a log file of their own go to the host's log through
     * java.util.logging. Call only once the host's log manager is installed.
     */
    public static void routeToHostLogging() {
        hostLogging = true;
    }

    public static boolean routedToHostLogging() {
        return hostLogging;
    }

    static boolean enabled(Level level) {
        return level.toInt() >= threshold.toInt();
    }

    static void write(Level level, String logger, String message, Throwable throwable) {
        if (hostLogging && file == null) {
            try {
                HostLogging.publish(level, logger, message, throwable);
                return;
            } catch (RuntimeException | LinkageError e) {
                hostLogging = false;
                writeLine(Level.WARN, "AgentLog", "the host's logging refused a line (" + e + "); logging to stderr from now on", null);
            }
        }
        writeLine(level, logger, message, throwable);
    }

    private static void writeLine(Level level, String logger, String message, Throwable throwable) {
        StringBuilder line = new StringBuilder(64 + message.length());
        line.append(Instant.now()).append(' ').append(String.format(Locale.ROOT, "%-5s", level)).append(" dismagent ")
                .append(logger).append(": ").append(message).append(System.lineSeparator());
        if (throwable != null) {
            appendTrace(line, throwable);
        }
        synchronized (LOCK) {
            try {
                if (file != null) {
                    file.write(line.toString());
                    file.flush();
                    return;
                }
            } catch (IOException e) {
                file = null;
                System.err.print("dismagent: the log file cannot be written any more (" + e.getMessage() + "); logging to stderr"
                        + System.lineSeparator());
            }
            System.err.print(line);
        }
    }

    /** A stack trace whose messages (DISM's text, a path) are escaped like the rest: one line per frame, none forged. */
    private static void appendTrace(StringBuilder out, Throwable throwable) {
        String prefix = "";
        Throwable t = throwable;
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            out.append(prefix).append(LogText.line(t.toString())).append(System.lineSeparator());
            for (StackTraceElement frame : t.getStackTrace()) {
                out.append("\tat ").append(frame).append(System.lineSeparator());
            }
            prefix = "Caused by: ";
        }
    }
}
