package io.github.dismagent.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import io.github.dismagent.agent.AgentStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.Properties;

/**
 * What really happened after {@code loadAgent}, as the target JVM tells it through the system
 * properties the agent sets there ({@link AgentStatus}): a second load that was ignored, the agent
 * running with its real endpoint, or still starting (then the server's log tells the rest).
 */
final class AttachOutcome {
    static final Duration LONGEST_WAIT = Duration.ofSeconds(20);

    private AttachOutcome() {
    }

    static String await(VirtualMachine vm, long pid, int loadsBefore) throws IOException {
        Properties properties = vm.getSystemProperties();
        if (loadsBefore > 0) {
            return "dismagent was already running in JVM " + pid + ": this load was ignored and its options were not applied (restart "
                    + "the JVM to change them). It reports: " + properties.getProperty(AgentStatus.STATE, "(nothing yet)")
                    .replaceFirst("; last load ignored.*$", "");
        }
        if (properties.getProperty(AgentStatus.LOADS) == null) {
            return "JVM " + pid + " accepted dismagent but does not report it running (an older dismagent may be loaded there "
                    + "already); its log tells what happened.";
        }
        long deadline = System.nanoTime() + LONGEST_WAIT.toNanos();
        String state = properties.getProperty(AgentStatus.STATE, "starting");
        while (!isSettled(state) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            state = vm.getSystemProperties().getProperty(AgentStatus.STATE, "starting");
        }
        if (state.startsWith("running") && !state.contains("waiting")) {
            return "dismagent is running in JVM " + pid + ": " + state.substring("running: ".length()) + ". Its log lines go to that "
                    + "JVM's log (or to logFile).";
        }
        if (state.startsWith("failed")) {
            return "dismagent was loaded into JVM " + pid + " but " + state + "; that JVM's log has the details.";
        }
        return "dismagent was loaded into JVM " + pid + " and is still starting (" + state + "); that JVM's log tells when it is "
                + "ready and where it serves /metrics.";
    }

    private static boolean isSettled(String state) {
        return state.startsWith("failed") || (state.startsWith("running") && !state.contains("waiting"));
    }
}
