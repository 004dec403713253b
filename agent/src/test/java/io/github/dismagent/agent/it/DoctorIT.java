package io.github.dismagent.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.dism.HResult;
import io.github.dismagent.emulator.EmulatorLibrary;
import io.github.dismagent.emulator.EmulatorState;
import io.github.dismagent.emulator.EmulatorTrace;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.testing.ChildJvm;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar dismagent.jar doctor}, as an admin runs it before attaching, over the emulator. */
class DoctorIT {
    @TempDir
    Path work;

    private ChildJvm.Result doctor(StateFileText table, boolean emulator, String... arguments) throws Exception {
        EmulatorState state = new EmulatorState(work.resolve("state.tsv"));
        state.write(table);
        String[] command = new String[arguments.length + 3];
        command[0] = "-jar";
        command[1] = ItSettings.agentJar().toString();
        command[2] = "doctor";
        System.arraycopy(arguments, 0, command, 3, arguments.length);
        ChildJvm jvm = new ChildJvm().javaHome(ItSettings.javaHome().toString()).classPath("")
                .environment(EmulatorState.ENVIRONMENT_VARIABLE, state.file().toString())
                .environment(EmulatorTrace.ENVIRONMENT_VARIABLE, work.resolve("trace.tsv").toString());
        if (emulator) {
            jvm.jvmArgument("-Djna.library.path=" + EmulatorLibrary.directory());
        }
        return jvm.command(command).run(work.resolve("doctor-" + System.nanoTime() + ".out"), Duration.ofMinutes(2));
    }

    private EmulatorTrace trace() {
        return new EmulatorTrace(work.resolve("trace.tsv"));
    }

    @Test
    void aHealthyMachineGetsAReadableReportExitZeroAndDismShutDownWithNoMountChanged() throws Exception {
        StateFileText table = AgentHost.threeImages();

        ChildJvm.Result result = doctor(table, true, "port=0");

        assertEquals(0, result.exitCode(), result.output());
        String out = result.output();
        assertTrue(out.contains("[OK]   DISM library: DismAPI emulator at " + EmulatorLibrary.directory()), out);
        assertTrue(out.contains("[OK]   DismInitialize: 0x00000000 S_OK"), out);
        assertTrue(out.contains("[OK]   Mount table: 3 images mounted (1 Invalid, 1 NeedsRemount, 1 Ok)"), out);
        assertTrue(out.contains("Mount Dir : C:\\Mount\\remount"), out);
        assertTrue(out.contains("Status : Needs Remount"), out);
        assertTrue(out.contains("[WARN] Image C:\\Mount\\remount: needs a remount: DISM /Remount-Image /MountDir:\"C:\\Mount\\remount\""), out);
        assertTrue(out.contains("[WARN] Image C:\\Mount\\invalid: is invalid: DISM /Unmount-Image /MountDir:\"C:\\Mount\\invalid\" /Discard"), out);
        assertTrue(out.contains("[OK]   HTTP: 127.0.0.1:0 (any free port) can be taken"), out);
        assertTrue(out.contains("[OK]   Options: "), out);
        assertTrue(out.contains("[OK]   JNA settings: "), out);
        assertTrue(out.contains("Healthy: dismagent would work"), out);
        assertEquals(List.of("DismInitialize", "DismGetMountedImageInfo", "DismDelete", "DismShutdown"),
                trace().calls().stream().map(EmulatorTrace.Call::function).toList(), "reads only, then shuts DISM down");
        assertEquals(table.toString(), Files.readString(work.resolve("state.tsv")), "no mount changed");
    }

    @Test
    void aMissingLibraryIsAFailureThatNamesThePath() throws Exception {
        ChildJvm.Result named = doctor(AgentHost.threeImages(), true, "port=0,dismLibrary=/nonexistent/DismApi.dll");
        assertEquals(1, named.exitCode(), named.output());
        assertTrue(named.output().contains("[FAIL] DISM library: dismLibrary=/nonexistent/DismApi.dll (agent argument): no such file"),
                named.output());
        assertTrue(named.output().contains("[FAIL] Options: "), named.output());

        ChildJvm.Result none = doctor(AgentHost.threeImages(), false, "port=0");
        assertEquals(1, none.exitCode(), none.output());
        assertTrue(none.output().contains("[FAIL] DISM library: No DISM library could be loaded. Tried: DismAPI"), none.output());
        assertTrue(none.output().contains("Not healthy"), none.output());
    }

    @Test
    void elevationRequiredIsAFailureWithWhatToDo() throws Exception {
        ChildJvm.Result result = doctor(new StateFileText().fail("DismInitialize", HResult.ERROR_ELEVATION_REQUIRED, ""), true, "port=0");

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("[FAIL] DismInitialize: DismInitialize failed: 0x800702E4 ERROR_ELEVATION_REQUIRED"), result.output());
        assertTrue(result.output().contains("run the server (and this check) elevated"), result.output());
        assertEquals(0, trace().count("DismGetMountedImageInfo"), "no mount table without DISM");
    }

    @Test
    void aHungMountTableReadIsGivenUpAfterCallTimeoutAndTheProcessStillEnds() throws Exception {
        StateFileText hung = AgentHost.threeImages().delay("DismGetMountedImageInfo", Duration.ofMinutes(10));
        long start = System.nanoTime();

        ChildJvm.Result result = doctor(hung, true, "port=0,callTimeout=2s");

        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("[FAIL] Mount table: DismGetMountedImageInfo has not returned after 2 s (callTimeout); gave up"),
                result.output());
        assertTrue(result.output().contains("[WARN] DismShutdown: not called: DismGetMountedImageInfo has been running since"), result.output());
        assertTrue(seconds < 100, "the doctor ended after " + seconds + " s although DISM never answered");
    }

    @Test
    void aBadOptionIsAFailureNamingTheKeyAndTheAcceptedForm() throws Exception {
        ChildJvm.Result result = doctor(AgentHost.threeImages(), true, "port=0,interval=fast");

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("[FAIL] Options: "), result.output());
        assertTrue(result.output().contains("problem: interval=fast (agent argument): "), result.output());
    }

    @Test
    void aTakenPortIsAFailureNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ChildJvm.Result result = doctor(AgentHost.threeImages(), true, "port=" + taken.getLocalPort());

            assertEquals(1, result.exitCode(), result.output());
            assertTrue(result.output().contains("[FAIL] HTTP: 127.0.0.1:" + taken.getLocalPort() + " cannot be taken"), result.output());
        }
    }
}
