package io.github.dismagent.agent.logging;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * It never touches {@code java.util.logging}, which some hosts (WildFly) must set up first.
 */
public final class AgentLog {
    private static final Object LOCK = new Object();
    private static volatile Level threshold = Level.INFO;
    private static Writer file;

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

    static boolean enabled(Level level) {
        return level.toInt() >= threshold.toInt();
    }

    static void write(Level level, String logger, String message, Throwable throwable) {
        StringBuilder line = new StringBuilder(64 + message.length());
        line.append(Instant.now()).append(' ').append(String.format(Locale.ROOT, "%-5s", level)).append(" dismagent ")
                .append(logger).append(": ").append(message).append(System.lineSeparator());
        if (throwable != null) {
            StringWriter trace = new StringWriter();
            throwable.printStackTrace(new PrintWriter(trace));
            line.append(trace);
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
}
