package io.github.dismagent.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 1, as it was found: a host with a 24 MB heap fills it until OutOfMemoryError, keeps allocating for
 * 20 s, then frees everything. The agent reads DISM again afterwards: the refresh count moves, dism_up is 1,
 * refresh() answers, /metrics and /-/healthy answer 200. (examples/benchmarks/oom-starvation.sh is the same run
 * with its figures.)
 */
class StarvedHostIT {
    private static final Pattern REFRESHES = Pattern.compile("(?m)^dism_refresh_duration_seconds_count (\\S+)$");

    @TempDir
    Path work;

    private static double refreshes(AgentHost agent) throws Exception {
        Matcher m = REFRESHES.matcher(agent.scrape());
        assertTrue(m.find(), "no dism_refresh_duration_seconds_count");
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theAgentReadsDismAgainAfterTheHostRanOutOfMemory() throws Exception {
        Path host = HostPrograms.compile("starving", work, List.of());
        Path trigger = work.resolve("starve-now");
        try (AgentHost agent = AgentHost.in(work).mountTable(AgentHost.threeImages())
                .jvmArgument("-Xmx24m", "-XX:+UseSerialGC")
                .agentOptions("port=0,interval=200ms,callTimeout=10s").classPath(host)
                .main("StarvingHost", trigger.toString(), "20").start()) {
            agent.awaitOutput("MBeans registered as io.github.dismagent:type=DismImages");
            Eventually.await("the first read", () -> agent.serves("dism_up 1.0"));

            Files.createFile(trigger);
            Eventually.await("the heap full", () -> agent.output().contains("HOST HEAP FULL"), Duration.ofSeconds(60));
            Eventually.await("the heap freed", () -> agent.output().contains("HOST FREED"), Duration.ofSeconds(90));

            Eventually.await("/metrics answers", () -> {
                try {
                    return agent.get("/metrics").statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            }, Duration.ofSeconds(60));
            double before = refreshes(agent);
            Eventually.await("reads after the starvation", () -> {
                try {
                    return refreshes(agent) >= before + 5;
                } catch (Exception e) {
                    return false;
                }
            }, Duration.ofSeconds(60));
            Eventually.await("dism_up 1", () -> agent.serves("dism_up 1.0"), Duration.ofSeconds(60));
            Object summary = agent.jmx().invoke(AgentHost.IMAGES, "refresh", new Object[0], new String[0]);
            assertTrue(String.valueOf(summary).contains("3"), String.valueOf(summary));
            assertTrue(!String.valueOf(summary).contains("still running"), String.valueOf(summary));
            assertEquals(200, agent.get("/-/healthy").statusCode(), agent.get("/-/healthy").body());
            assertEquals(Boolean.TRUE, agent.jmx().getAttribute(AgentHost.IMAGES, "Available"));
        }
    }
}
