package io.github.dismagent.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.testing.ChildJvm;
import io.github.dismagent.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that initialised DISM itself before dismagent was attached. The code of a second
 * DismInitialize is undocumented, so the emulator is told to answer one dismagent has never heard of.
 */
class SharedDismIT {
    @TempDir
    Path work;

    @Test
    void theAgentSharesTheHostsDismAndTheHostsOwnShutdownSucceeds() throws Exception {
        List<Path> jna = List.of(ItSettings.lib("jna-4.5.2.jar"));
        Path host = HostPrograms.compile("dism-initialising", work, jna);
        Path stop = work.resolve("stop");

        try (AgentHost running = AgentHost.in(work).withoutAgent().mountTable(AgentHost.threeImages().alreadyInitialized(0xC0040010))
                .classPath(host, jna.get(0)).main("DismInitialisingHost", stop.toString()).start()) {
            running.awaitOutput("HOST DISM INITIALIZE 0x00000000 jna=4.5.2");

            ChildJvm.Result attached = new ChildJvm().javaHome(ItSettings.javaHome().toString()).classPath("")
                    .command("-jar", ItSettings.agentJar().toString(), "attach", Long.toString(running.pid()), "port=0,interval=1s")
                    .run(work.resolve("attach.out"), Duration.ofMinutes(1));
            assertEquals(0, attached.exitCode(), attached.output());

            Eventually.await("the agent reads the host's DISM", () -> running.serves("dism_images{status=\"needs_remount\"} 1.0"));
            assertTrue(running.serves("dism_up 1.0"), running.output());
            running.awaitOutput("DismInitialize returned 0xC0040010 UNKNOWN");
            assertTrue(running.output().contains("other code in this process initialised it. dismagent shares it and will not shut it down"),
                    running.output());

            assertEquals(0, running.trace().count("DismShutdown"), "the agent never shuts down the host's DISM");
            Files.createFile(stop);
            running.awaitOutput("HOST DISM SHUTDOWN");
            assertTrue(running.output().contains("HOST DISM SHUTDOWN 0x00000000"), "the host's own DismShutdown:\n" + running.output());
        }
    }
}
