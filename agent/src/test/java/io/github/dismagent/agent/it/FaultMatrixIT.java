package io.github.dismagent.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.dism.HResult;
import io.github.dismagent.emulator.EmulatorLibrary;
import io.github.dismagent.emulator.EmulatorTrace;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What DISM can do wrong, injected through the emulator into a host that keeps working: every
 * documented failure of each function the agent calls, a call that never returns, a library that is
 * missing or not whole. Each case checks what the operator sees (log, JMX, /metrics) and that the
 * host was not held up.
 */
class FaultMatrixIT {
    private static final String REMOUNTABLE = "C:\\Mount\\remount";
    private static final ObjectName IMAGES = AgentHost.IMAGES;
    /** The host's loop wakes every 100 ms; late by a second means something held the JVM. */
    private static final long HOST_HELD_UP_MILLIS = 1000;

    @RegisterExtension
    final AgentHostExtension hosts = AgentHostExtension.compiling("working");

    private int started;

    /** Each host in a directory of its own, so that its emulator trace is its own. */
    private AgentHost start(StateFileText table, String options, long runMillis) throws java.io.IOException {
        return host(table, options, runMillis).start();
    }

    /** The JVM is attached to for JMX once the agent registered its MBeans: attaching to a JVM still starting can time out. */
    private static MBeanServerConnection jmx(AgentHost host) throws Exception {
        host.awaitOutput("MBeans registered as io.github.dismagent:type=DismImages");
        return host.jmx();
    }

    private AgentHost.Builder host(StateFileText table, String options, long runMillis) throws java.io.IOException {
        Path directory = java.nio.file.Files.createDirectories(hosts.work().resolve("host-" + ++started));
        return hosts.host(directory).mountTable(table).agentOptions(options)
                .main("WorkingHost", Long.toString(runMillis));
    }

    private static void assertHostUnharmed(AgentHost host) {
        Eventually.await("the host's first report of its loop", () -> host.hostMaxLateMillis() >= 0 || !host.isAlive());
        assertTrue(host.isAlive(), "the host is running:\n" + host.output());
        long late = host.hostMaxLateMillis();
        assertTrue(late >= 0 && late < HOST_HELD_UP_MILLIS, "the host's loop was late by " + late + " ms:\n" + host.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"DismInitialize", "DismGetMountedImageInfo"})
    void everyDocumentedFailureOfAReadIsReportedOnceAndRecoveredFrom(String function) throws Exception {
        // A DismInitialize that answers "already initialised" means DISM is usable: not a failure to report (DismSessionTest).
        List<Integer> codes = HResult.documentedFailures().stream()
                .filter(code -> !(function.equals("DismInitialize") && code == HResult.ERROR_ALREADY_INITIALIZED)).toList();
        try (AgentHost host = start(AgentHost.threeImages().fail(function, codes.get(0), "injected " + HResult.name(codes.get(0))), "port=0,interval=300ms",
                600_000)) {
            MBeanServerConnection jmx = jmx(host);
            Eventually.await("the MBeans", () -> registered(jmx));
            for (int code : codes) {
                host.state().write(AgentHost.threeImages().fail(function, code, "injected " + HResult.name(code)));
                // DISM's own message cannot be read while DISM is not initialised (the emulator, as DISM): then the known text.
                String expected = function + " failed: " + HResult.describe(code, function.equals("DismInitialize") ? "" : "injected "
                        + HResult.name(code));
                try {
                    Eventually.await(HResult.hex(code) + " shown as LastError", () -> lastError(jmx).startsWith(expected));
                } catch (AssertionError e) {
                    throw new AssertionError("LastError is '" + lastError(jmx) + "', not '" + expected + "'\n" + host.output(), e);
                }
                assertEquals(false, jmx.getAttribute(IMAGES, "Available"));
                assertTrue(host.serves("dism_up 0.0"));
            }
            Thread.sleep(1500); // five intervals more of the last failure
            for (int code : codes) {
                assertEquals(1, host.linesWith("DISM is unavailable: " + function + " failed: " + HResult.hex(code)),
                        HResult.hex(code) + " is logged once, not every interval:\n" + host.output());
            }
            assertTrue(host.output().contains("DISM needs an elevated process: run the server (or its Windows service) under an "
                    + "administrator account"), "the advice for 0x800702E4:\n" + host.output());

            host.state().write(AgentHost.threeImages());
            Eventually.await("dism_up 1 once the fault clears", () -> host.serves("dism_up 1.0"));
            assertTrue(host.serves("dism_images{status=\"needs_remount\"} 1.0"));
            host.awaitOutput("DISM answers again: 3 mounted images (1 Ok, 1 NeedsRemount, 1 Invalid)");
            assertHostUnharmed(host);
        }
    }

    @Test
    void aBusyDismIsRetriedWithGrowingWaitsAndAPermanentFailureWaitsForTheInterval() throws Exception {
        try (AgentHost host = start(AgentHost.threeImages().fail("DismGetMountedImageInfo", HResult.DISMAPI_E_BUSY, ""), "port=0,interval=1h", 600_000)) {
            Eventually.await("four tries", () -> reads(host.trace()).size() >= 4, Duration.ofSeconds(30));
            List<Long> at = reads(host.trace());
            List<Long> waits = new ArrayList<>();
            for (int i = 1; i < 4; i++) {
                waits.add(at.get(i) - at.get(i - 1));
            }
            assertTrue(waits.get(0) >= 800 && waits.get(0) < 2500, "first retry after about 1 s: " + waits);
            assertTrue(waits.get(1) > waits.get(0) * 1.5 && waits.get(2) > waits.get(1) * 1.5, "each wait longer: " + waits);
            assertEquals(1, host.linesWith("DISMAPI_E_BUSY"), "logged once:\n" + host.output());

            host.state().write(AgentHost.threeImages());
            Eventually.await("recovered at the next try, long before the 1 h interval", () -> host.serves("dism_up 1.0"), Duration.ofSeconds(30));
            assertHostUnharmed(host);
        }
        try (AgentHost host = start(AgentHost.threeImages().fail("DismGetMountedImageInfo", HResult.E_ACCESSDENIED, ""), "port=0,interval=1h", 600_000)) {
            Eventually.await("the first try", () -> reads(host.trace()).size() >= 1);
            Thread.sleep(3000);
            assertEquals(1, reads(host.trace()).size(), "a permanent failure is not retried before the interval");
            host.state().write(AgentHost.threeImages());
            assertEquals("Read 3 mounted images: 1 Ok, 1 NeedsRemount, 1 Invalid.",
                    jmx(host).invoke(IMAGES, "refresh", new Object[0], new String[0]));
            assertTrue(host.serves("dism_up 1.0"));
        }
    }

    @Test
    void everyDocumentedFailureOfARemountOrACleanupIsTheOperationsResult() throws Exception {
        try (AgentHost host = start(AgentHost.threeImages(), "port=0,interval=1h,allowCleanup=true", 600_000)) {
            MBeanServerConnection jmx = jmx(host);
            Eventually.await("the first read", () -> host.serves("dism_up 1.0") && registered(jmx));
            for (int code : HResult.documentedFailures()) {
                String expected = HResult.hex(code) + " " + HResult.name(code) + ": injected " + HResult.name(code);
                host.state().write(AgentHost.threeImages().fail("DismRemountImage", code, "injected " + HResult.name(code)));
                String remount = (String) jmx.invoke(IMAGES, "remount", new Object[] {REMOUNTABLE}, new String[] {String.class.getName()});
                assertEquals("Remount of " + REMOUNTABLE + " failed.\n" + expected, remount);
                host.state().write(AgentHost.threeImages().fail("DismCleanupMountpoints", code, "injected " + HResult.name(code)));
                String cleanup = (String) jmx.invoke(IMAGES, "cleanupMountpoints", new Object[0], new String[0]);
                assertEquals("Cleanup failed.\n" + expected, cleanup);
            }
            ObjectName image = AgentHost.objectName("io.github.dismagent:type=MountedImage,path=" + ObjectName.quote(REMOUNTABLE));
            assertTrue(((String) jmx.getAttribute(image, "LastRemountResult")).endsWith("manual: Remount of " + REMOUNTABLE + " failed. "
                    + HResult.hex(HResult.documentedFailures().get(HResult.documentedFailures().size() - 1)) + " "
                    + HResult.name(HResult.documentedFailures().get(HResult.documentedFailures().size() - 1)) + ": injected "
                    + HResult.name(HResult.documentedFailures().get(HResult.documentedFailures().size() - 1))));
            host.awaitOutput("JMX remount('" + REMOUNTABLE + "') by ");
            assertTrue(host.serves("dism_remount_total{result=\"failure\",trigger=\"manual\"} " + HResult.documentedFailures().size() + ".0"),
                    host.scrape());
            assertHostUnharmed(host);
        }
    }

    @Test
    void aDismCallThatNeverReturnsLeavesEverythingElseAnswering() throws Exception {
        try (AgentHost host = start(AgentHost.threeImages(), "port=0,interval=500ms,callTimeout=1s", 12_000)) {
            MBeanServerConnection jmx = jmx(host);
            Eventually.await("the first read", () -> host.serves("dism_up 1.0") && registered(jmx));
            host.state().write(AgentHost.threeImages().delay("DismGetMountedImageInfo", Duration.ofHours(1)));
            Eventually.await("dism_up 0 after callTimeout", () -> host.serves("dism_up 0.0"));
            int threads = (Integer) jmx.getAttribute(AgentHost.objectName("java.lang:type=Threading"), "ThreadCount");

            long slowest = 0;
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                assertTrue(host.scrape().contains("dism_images{status=\"needs_remount\"} 1.0"), "the last good read is still served");
                assertEquals(200, host.get("/").statusCode());
                assertEquals(3, jmx.getAttribute(IMAGES, "MountedCount"));
                slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
                Thread.sleep(100);
            }
            assertTrue(slowest < 1000, "a scrape, the status page and a JMX read took at most " + slowest + " ms together");
            String refused = (String) jmx.invoke(IMAGES, "remount", new Object[] {REMOUNTABLE}, new String[] {String.class.getName()});
            assertTrue(refused.startsWith("Refused: DISM is busy.\nDISM has not returned from DismGetMountedImageInfo for "), refused);
            assertTrue(refused.endsWith("the remount of " + REMOUNTABLE + " was not queued behind it. Try again once DISM answers."), refused);
            assertTrue(((String) jmx.getAttribute(IMAGES, "LastError")).startsWith("DismGetMountedImageInfo has not returned after "));
            int threadsLater = (Integer) jmx.getAttribute(AgentHost.objectName("java.lang:type=Threading"), "ThreadCount");
            assertTrue(threadsLater <= threads + 1, "no thread per interval piles up: " + threads + " then " + threadsLater);
            assertEquals(1, host.linesWith("DISM is not answering"), "said once:\n" + host.output());
            assertHostUnharmed(host);

            host.awaitOutput("HOST DONE");
            long done = System.nanoTime();
            assertEquals(0, host.awaitExit(Duration.ofSeconds(30)));
            long exitMillis = (System.nanoTime() - done) / 1_000_000;
            assertTrue(exitMillis < 8000, "the JVM ended " + exitMillis + " ms after main, DISM still hanging:\n" + host.output());
        }
    }

    @Test
    void aLibraryThatLacksAnExportIsNamedAndNotUsed() throws Exception {
        Path partial = EmulatorLibrary.withoutCleanupDirectory().resolve(EmulatorLibrary.fileName());
        try (AgentHost host = start(AgentHost.threeImages(), "port=0,dismLibrary=" + partial, 600_000)) {
            host.awaitOutput("it lacks DismCleanupMountpoints");
            assertTrue(host.output().contains(partial + " (the dismLibrary option): not a usable DISM library, it lacks DismCleanupMountpoints"),
                    host.output());
            Eventually.await("dism_up 0", () -> host.serves("dism_up 0.0"));
            assertEquals(1, host.linesWith("DISM is unavailable"), host.output());
            assertFalse(host.output().contains("\tat "), "no stack trace for an expected condition:\n" + host.output());
            assertHostUnharmed(host);
        }
    }

    @Test
    void aMissingLibraryIsNamedWithWhatToDo() throws Exception {
        String missing = hosts.work().resolve("no-such-dir").resolve(EmulatorLibrary.fileName()).toString();
        try (AgentHost host = host(AgentHost.threeImages(), "port=0,dismLibrary=" + missing, 600_000).withoutEmulator().start()) {
            host.awaitOutput("Configuration: dismLibrary=" + missing + " (agent argument): no such file; give the path of dismapi.dll");
            host.awaitOutput("DISM is unavailable: No DISM library could be loaded.");
            Eventually.await("dism_up 0", () -> host.serves("dism_up 0.0"));
            assertEquals(1, host.linesWith("DISM is unavailable"), host.output());
            assertHostUnharmed(host);
        }
    }

    private static boolean registered(MBeanServerConnection jmx) {
        try {
            return jmx.isRegistered(IMAGES);
        } catch (Exception e) {
            return false;
        }
    }

    private static String lastError(MBeanServerConnection jmx) {
        try {
            return (String) jmx.getAttribute(IMAGES, "LastError");
        } catch (Exception e) {
            return "";
        }
    }

    /** When each DismGetMountedImageInfo of the trace was made, in milliseconds. */
    private static List<Long> reads(EmulatorTrace trace) {
        return trace.calls().stream().filter(c -> c.function().equals("DismGetMountedImageInfo")).map(EmulatorTrace.Call::epochMillis).toList();
    }
}
