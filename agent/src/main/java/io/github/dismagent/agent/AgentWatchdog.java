package io.github.dismagent.agent;

import io.github.dismagent.agent.http.HttpEndpoint;
import io.github.dismagent.monitor.DismMonitor;
import java.util.function.Supplier;

/**
 * The agent's one thread that an {@link Error} cannot end, {@code dismagent-watchdog}: on a starved
 * host an OutOfMemoryError thrown in an executor's own loop (outside any task) ends the monitor's
 * thread, the HTTP timer or the JDK server's dispatcher, and each of them would otherwise wait for
 * the next task to be started again, a task that nothing submits. Once a second it asks the monitor
 * for its health (which starts its thread again and re-arms a schedule that stopped ticking) and has
 * the HTTP endpoint check its threads (a dead dispatcher: bound again).
 */
final class AgentWatchdog implements AutoCloseable {
    private static final long PERIOD_MILLIS = 1000;

    private final Thread thread;
    private volatile boolean closed;

    AgentWatchdog(Supplier<DismMonitor> monitor, Supplier<HttpEndpoint> http) {
        thread = new Thread(() -> watch(monitor, http), "dismagent-watchdog");
        thread.setDaemon(true);
    }

    AgentWatchdog start() {
        thread.start();
        return this;
    }

    private void watch(Supplier<DismMonitor> monitor, Supplier<HttpEndpoint> http) {
        while (!closed) {
            try {
                Thread.sleep(PERIOD_MILLIS);
                DismMonitor m = monitor.get();
                if (m != null) {
                    m.health();
                }
                HttpEndpoint h = http.get();
                if (h != null) {
                    h.keepAlive();
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                // OutOfMemoryError: nothing to log it with; the next round tries again
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
