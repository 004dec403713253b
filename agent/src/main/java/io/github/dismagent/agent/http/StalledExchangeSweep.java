package io.github.dismagent.agent.http;

import io.github.dismagent.LogText;
import io.github.dismagent.monitor.Durations;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes, a few times a second, the exchanges of the endpoint's server that have taken longer than
 * the exchange limit ({@link ConnectionGuard#closeOverdue}): stalled or hostile clients. Follows the
 * guard of whichever server the endpoint serves with now.
 */
final class StalledExchangeSweep {
    private static final Logger log = LoggerFactory.getLogger(HttpEndpoint.class); // the category operators filter on
    private static final long REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final Duration exchangeLimit;
    private volatile ConnectionGuard guard;
    private boolean scheduled;
    private long closedInAll;
    private long reportedNanos;

    StalledExchangeSweep(Duration exchangeLimit) {
        this.exchangeLimit = exchangeLimit;
    }

    /** Sweeps this guard's server from now on; scheduled on the timer with the first active guard. */
    synchronized void follow(ConnectionGuard current, ScheduledExecutorService timer) {
        guard = current;
        if (current.active() && !scheduled) {
            long period = Math.max(100, Math.min(1000, exchangeLimit.toMillis() / 4));
            timer.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
            scheduled = true;
        }
    }

    private void sweep() {
        try {
            int closed = guard.closeOverdue();
            if (closed == 0) {
                return;
            }
            closedInAll += closed;
            long now = System.nanoTime();
            if (reportedNanos == 0 || now - reportedNanos >= REPORT_INTERVAL_NANOS) {
                // Once per interval at most: a client that stalls on purpose must not flood the host's log.
                log.warn("Closed {} HTTP connection(s) whose request or response took longer than {} (stalled or hostile "
                        + "clients; {} in all since the start)", closed, Durations.format(exchangeLimit), closedInAll);
                reportedNanos = now;
            }
        } catch (RuntimeException | Error e) {
            // an Error too: a periodic task that threw would never run again
            log.debug("checking for stalled HTTP exchanges failed: {}", LogText.line(e.toString()));
        }
    }
}
