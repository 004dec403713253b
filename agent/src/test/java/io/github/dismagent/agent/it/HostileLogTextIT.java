package io.github.dismagent.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.testing.Eventually;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mount paths and error text from DISM, and JMX arguments, that carry terminal escape sequences,
 * line and paragraph separators, bidi controls and 32,000 characters, in a real host with the
 * agent's own log file: every line of that file is one line of the agent (or a stack frame), of
 * bounded length, with no control character but the tab of a stack frame.
 */
class HostileLogTextIT {
    private static final String HOSTILE = "\u001b[2J\u001b]0;owned\u0007\u000b\u000c\u007f\u0085\u2028\u2029\u202e\u2066"
            + "2026-01-01T00:00:00Z ERROR dismagent Fake: forged line";
    private static final Pattern LINE_START = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\S+ (TRACE|DEBUG|INFO |WARN |ERROR) dismagent \\w+: |\tat |Caused by: ).*");

    @RegisterExtension
    final AgentHostExtension hosts = AgentHostExtension.compiling("working");

    @Test
    void hostileTextFromDismAndJmxNeverBreaksOrColoursALogLine() throws Exception {
        String evil = "C:\\Mount\\evil" + HOSTILE;
        String longest = "C:\\Mount\\" + "x".repeat(32_000);
        StateFileText table = new StateFileText()
                .mount(evil, "D:\\images\\evil" + HOSTILE + ".wim", 1, "ReadWrite", "NeedsRemount")
                .mount(longest, "D:\\" + "y".repeat(32_000), 2, "ReadWrite", "NeedsRemount")
                .fail("DismRemountImage", 0x80004005, "DISM says" + HOSTILE);
        Path log = hosts.work().resolve("dismagent.log");
        try (AgentHost host = hosts.host().mountTable(table).agentOptions("port=0,interval=1h,logFile=" + log)
                .main("WorkingHost", "600000").start()) {
            Eventually.await("the agent's start in its log", () -> read(log).contains("MBeans registered as"));
            MBeanServerConnection jmx = host.jmx();
            Eventually.await("the first read", () -> read(log).contains(" appeared"));
            String signature = String.class.getName();
            jmx.invoke(AgentHost.IMAGES, "remount", new Object[] {evil}, new String[] {signature});
            jmx.invoke(AgentHost.IMAGES, "remount", new Object[] {longest}, new String[] {signature});
            jmx.invoke(AgentHost.IMAGES, "remount", new Object[] {"C:\\Mount\\x\r\n2026-01-01T00:00:00Z ERROR dismagent Fake: forged"},
                    new String[] {signature});
            Eventually.await("the remount lines", () -> read(log).lines().filter(l -> l.contains("remount")).count() >= 3);

            List<String> lines = read(log).lines().toList();
            for (String line : lines) {
                assertTrue(LINE_START.matcher(line).matches(), "a line of its own that is not the agent's: " + line);
                assertEquals(-1, firstControl(line), "a raw control character in: " + line);
                assertTrue(line.length() < 2_500, "a line of " + line.length() + " characters");
            }
            String text = String.join("\n", lines);
            assertTrue(text.contains("\\u001b[2J") && text.contains("\\u2028") && text.contains("\\u202e"), "escaped, visibly:\n" + text);
            assertTrue(text.contains("DISM says\\u001b"), "DISM's own message, escaped:\n" + text);
            assertTrue(lines.stream().noneMatch(l -> l.contains("Fake: forged") && l.startsWith("2026-01-01")), text);
        }
    }

    /** The index of the first character that must not be in a log line (a tab is a stack frame's), or -1. */
    private static int firstControl(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            int type = Character.getType(c);
            if (c != '\t' && (Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.FORMAT)) {
                return i;
            }
        }
        return -1;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
