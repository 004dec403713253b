package io.github.dismagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every argument of every logging call in the agent and the core either goes through
 * {@code LogText} (the one helper that escapes and bounds text from outside) or is one of the
 * values below that cannot carry text from outside (numbers, the agent's own names). A new call
 * site that logs a mount path, DISM's message, an exception's text, an HTTP request or an option
 * value raw fails here. (The agent's own logger escapes and bounds every line as well; this rule
 * holds for the core used as a library under any SLF4J back end.)
 */
class LogCallSitesTest {
    private static final Pattern CALL = Pattern.compile("\\blog\\.(trace|debug|info|warn|error)\\(");
    /** Arguments known to carry no text from outside, each for a reason visible at its call site. */
    private static final Set<String> SAFE = Set.of(
            "mounted", "DismMetrics.MAX_IMAGES_WITH_SERIES", "snapshot.mountedCount()", "MAX_IMAGE_MBEANS", // counts
            "from", "HResult.describe(hresult, \"\")", "failure.describe()", "HResult.hex(probe)", // DISM function names and HRESULTs
            "Integer.toUnsignedLong(current)", "Integer.toUnsignedLong(total)", "wait.toSeconds()", "jna", "library.description()",
            "closed ? \"after DismUnmountImage returned\" : \"on another thread (\" + Thread.currentThread().getName() + \")\"",
            "runningCall().map(c -> \" (\" + c.function() + \" has been running since \" + c.since() + \")\").orElse(\"\")",
            "Durations.format(interval)", "on ? \"on\" : \"off\"", "listener.getClass().getName()", "e", "t",
            "call", "JmxCaller.describe()", "internals.failure()", "internals.reached() ? e.toString() : internals.failure()",
            "state", "state.replace(\"/metrics\", \"/\")", "port", "LONGEST_RETRY_SECONDS", "closed",
            "Durations.format(exchangeLimit)", "closedInAll", "next.name()", "what", "facility", "LONGEST_WAIT.toMinutes()",
            "how", "DismagentVersion.get()", "ProcessHandle.current().pid()", "logProblem", "jmx.imagesName()",
            "System.getProperty(HostReadiness.LOG_MANAGER_PROPERTY)",
            "maxBody", "DismMetrics.LONGEST_LABEL_VALUE", // numbers
            "wanted", "restarts", // the port tried and a count of dispatcher restarts
            "before == 0 ? \"\" : \" and \" + before + \" more since the last report\"", // a count
            "Durations.format(settings.get().callTimeout())", // a validated setting
            "image.displayPath()", // LogText.shown itself
            "options == null || options.isBlank() ? \"\" : \" with \" + LogText.quoted(ConfigLoader.masked(options))",
            "security.tlsContext().isPresent() || security.authenticator().isPresent() ? \" over \" + security.describe() : \"\"", "mounted, DismMetrics.MAX_IMAGES_WITH_SERIES");

    @Test
    void everyLoggedValueGoesThroughLogText() throws IOException {
        List<String> raw = new ArrayList<>();
        int calls = 0;
        for (Path root : List.of(Path.of("src/main/java"), Path.of("../core/src/main/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    Matcher call = CALL.matcher(source);
                    while (call.find()) {
                        calls++;
                        List<String> arguments = arguments(source, call.end());
                        for (String argument : arguments.subList(1, arguments.size())) {
                            if (!argument.startsWith("LogText.") && !argument.startsWith("oneLine(") && !SAFE.contains(argument)) {
                                raw.add(file.getFileName() + ": " + argument);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(calls > 40, "found the logging calls: " + calls);
        assertEquals(List.of(), raw, "logged without LogText (escape and bound it, or add it to SAFE with the reason)");
    }

    @Test
    void aRawValueIsFound() {
        List<String> arguments = arguments("log.warn(\"x {} {}\", LogText.line(a(b, c)), image.mountPath());", "log.warn(".length());
        assertEquals(List.of("\"x {} {}\"", "LogText.line(a(b, c))", "image.mountPath()"), arguments);
    }

    /** The top-level arguments of the call whose argument list starts at this index, whitespace normalised. */
    static List<String> arguments(String source, int start) {
        List<String> arguments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < source.length(); i++) {
            char c = source.charAt(i);
            if (inString) {
                current.append(c);
                if (c == '\\') {
                    current.append(source.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth-- == 0 || c == ',' && depth == 0) {
                arguments.add(current.toString().replaceAll("\\s+", " ").replace("\" + \"", "").strip());
                current.setLength(0);
                if (c == ')') {
                    return arguments;
                }
                continue;
            }
            current.append(c);
        }
        throw new IllegalArgumentException("unterminated call at " + start);
    }
}
