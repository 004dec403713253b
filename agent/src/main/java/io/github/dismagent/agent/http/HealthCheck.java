package io.github.dismagent.agent.http;

import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.LoopHealth;

/**
 * What {@code /-/healthy} checks (docs/reference.md, "HTTP endpoints"): the agent's start was not
 * interrupted by an {@link Error} it is still waiting to resume from, and the monitor is alive (its
 * refresh schedule ticks, no read of the mount table is lost). DISM being unavailable or hung is not
 * a health failure: that is {@code dism_up}.
 */
public final class HealthCheck {
    private volatile DismMonitor monitor;
    private volatile String startInterrupted = "";

    /** The answer: whether healthy, and one line saying what was checked or what is wrong. */
    public record Result(boolean healthy, String message) {
    }

    public void monitor(DismMonitor monitor) {
        this.monitor = monitor;
    }

    /** The start was interrupted by an Error and resumes later; unhealthy until it did. */
    public void startInterrupted(String why) {
        startInterrupted = why;
    }

    public void startResumed() {
        startInterrupted = "";
    }

    public Result check() {
        String interrupted = startInterrupted;
        if (!interrupted.isEmpty()) {
            return new Result(false, "dismagent's start was interrupted: " + interrupted);
        }
        DismMonitor current = monitor;
        if (current == null) {
            return new Result(true, "dismagent is starting.");
        }
        LoopHealth loop = current.health();
        if (!loop.healthy()) {
            return new Result(false, "dismagent's monitor is not reading DISM: " + loop.problem() + "; it is being restarted.");
        }
        return new Result(true, "dismagent is running. (DISM's own state is the dism_up metric.)");
    }
}
