package io.github.dismagent.jmx;

import io.github.dismagent.dism.MountPath;
import static io.github.dismagent.monitor.MonitorFixture.fast;
import static io.github.dismagent.monitor.MonitorFixture.refreshed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.dismagent.dism.EmulatorFixture;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.MonitorFixture;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Random and hostile arguments to the JMX operations and setters, through the MBeanServer as a
 * JMX client calls them: every one gets a result or a clear refusal, nothing else escapes, and no
 * argument that names no remountable image reaches DISM.
 */
class HostileJmxArgumentsTest {
    private static final String REMOUNTABLE = "C:\\Mount\\remount";
    private static final List<String> PIECES = List.of("C:\\Mount\\", "C:/Mount/", "\\\\?\\C:\\Mount\\", "\\\\server\\share\\", "C:", "C:\\",
            "remount", "REMOUNT", "ok", "bad", "..", ".", "\\", "/", " ", "\t", "\r\n", "\u0000", "\u2028", "<script>", "%s%n", "${jndi:ldap://x}",
            "'", "\"", "Ω", "𝄞", "\ud800", "CON", "NUL", "*", "?", ":", "x".repeat(40_000), "", "30s", "5m", "-1s", "0", "1e9h", "100ms",
            "PT30S", "30 s", "∞");

    @RegisterExtension
    final EmulatorFixture emulator = new EmulatorFixture();

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final ObjectName images = name("io.github.dismagent:type=DismImages");

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomArgument(Random random) {
        if (random.nextInt(15) == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        int pieces = 1 + random.nextInt(4);
        for (int i = 0; i < pieces; i++) {
            if (random.nextInt(5) == 0) {
                text.append((char) random.nextInt(0x10000));
            } else {
                text.append(PIECES.get(random.nextInt(PIECES.size())));
            }
        }
        return text.toString();
    }

    private static StateFileText table() {
        return new StateFileText()
                .mount("C:\\Mount\\ok", "D:\\ok.wim", 1, "ReadWrite", "Ok")
                .mount(REMOUNTABLE, "D:\\remount.wim", 2, "ReadOnly", "NeedsRemount")
                .mount("C:\\Mount\\bad", "D:\\bad.wim", 3, "ReadWrite", "Invalid");
    }

    @Test
    void randomArgumentsGetAnAnswerAndOnlyTheRemountableImageReachesDism() throws Exception {
        emulator.write(table());
        DismMonitor monitor = MonitorFixture.start(emulator, fast().withRefreshInterval(Duration.ofHours(1)), null);
        refreshed(monitor);
        emulator.closeAfterTest(DismJmx.register(server, DismJmx.DEFAULT_DOMAIN, monitor, () -> "http://127.0.0.1:9781/metrics"));

        long seed = Long.getLong("dismagent.test.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int i = 0; i < 400; i++) {
            String argument = randomArgument(random);
            String replay = " (case " + i + " of seed " + seed + ", -Ddismagent.test.seed=" + seed + ")";
            boolean remountable = argument != null && MountPath.problem(argument).isEmpty()
                    && MountPath.key(argument).equals(MountPath.key(REMOUNTABLE));
            long remountsBefore = emulator.trace.count("DismRemountImage");
            try {
                Object result = server.invoke(images, "remount", new Object[] {argument}, new String[] {String.class.getName()});
                assertTrue(result instanceof String text && !text.isBlank(), "an answer" + replay);
            } catch (RuntimeMBeanException e) {
                assertClearRefusal(e, "remount(" + shown(argument) + ")" + replay);
            }
            if (!remountable) {
                assertEquals(remountsBefore, emulator.trace.count("DismRemountImage"), "no DISM call for " + shown(argument) + replay);
            } else {
                emulator.write(table()); // NeedsRemount again for the next cases
                refreshed(monitor);
            }
            String before = (String) server.getAttribute(images, "RefreshInterval");
            try {
                server.setAttribute(images, new Attribute("RefreshInterval", argument));
            } catch (RuntimeMBeanException e) {
                assertClearRefusal(e, "setting RefreshInterval to " + shown(argument) + replay);
                assertEquals(before, server.getAttribute(images, "RefreshInterval"), "a refused value changes nothing" + replay);
            }
        }
        server.setAttribute(images, new Attribute("RefreshInterval", "1h"));
        assertEquals(3, server.getAttribute(images, "MountedCount"), "the monitor still reads");
    }

    private static String shown(String argument) {
        return argument == null ? "null" : LoggingOperationRunner.printable(argument);
    }

    /** A malformed argument is refused with an IllegalArgumentException that says what is accepted. */
    private static void assertClearRefusal(RuntimeMBeanException e, String what) {
        Throwable cause = e.getCause();
        if (!(cause instanceof IllegalArgumentException) || cause.getMessage() == null
                || !(cause.getMessage().contains("e.g.") || cause.getMessage().contains("expected"))) {
            fail(what + " threw " + cause);
        }
    }

    @Test
    void logLinesCannotBeForgedThroughAnArgumentOrAResult() {
        String forged = "C:\\Mount\\x\r\n2026-01-01T00:00:00Z INFO  dismagent OperationLog: JMX remount by admin: Remounted";
        String argument = LoggingOperationRunner.printable(forged);
        String result = LoggingOperationRunner.oneLine(forged + " is not mounted.\u2028next");
        for (String line : List.of(argument, result)) {
            assertFalse(line.contains("\n") || line.contains("\r") || line.contains("\u2028"), line);
        }
        assertTrue(argument.contains("\\u000d\\u000a2026-01-01"), argument);
    }
}
