package io.github.dismagent.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.emulator.EmulatorLibrary;
import io.github.dismagent.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM-wide JNA settings a host may set (jna.tmpdir for AppLocker/WDAC above all) apply to the
 * agent's own JNA: the agent works with them and says so once, and doctor shows them.
 */
class JnaSettingsIT {
    @TempDir
    Path work;

    @Test
    void theAgentWorksWithAHostsJnaTmpdirAndReportsItOnce() throws Exception {
        Path plainHost = HostPrograms.compile("plain", work, List.of());
        Path trusted = Files.createDirectories(work.resolve("trusted-jna"));

        try (AgentHost host = AgentHost.in(work).jvmArgument("-Djna.tmpdir=" + trusted).classPath(plainHost)
                .main("PlainHost", "60000", "0").start()) {
            io.github.dismagent.testing.Eventually.await("metrics", () -> host.serves("dism_up 1.0"));
            assertEquals(1, host.linesWith("JNA settings of this JVM that apply to dismagent's JNA too: jna.tmpdir=" + trusted), host.output());
        }
    }

    @Test
    void doctorShowsTheJnaSettingsAndWarnsAboutThoseThatChangeWhichNativePartLoads() throws Exception {
        ChildJvm.Result result = new ChildJvm().javaHome(ItSettings.javaHome().toString()).classPath("")
                .jvmArgument("-Djna.library.path=" + EmulatorLibrary.directory(), "-Djna.nosys=true", "-Djna.tmpdir=" + work)
                .environment("DISMAPI_EMULATOR_STATE", work.resolve("state.tsv").toString())
                .command("-jar", ItSettings.agentJar().toString(), "doctor", "port=0")
                .run(work.resolve("doctor.out"), Duration.ofMinutes(2));

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("[WARN] JNA settings: jna.nosys=true, jna.tmpdir=" + work + ": these apply to dismagent's JNA too"),
                result.output());
    }
}
