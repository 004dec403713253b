package io.github.dismagent.agent.http;

import com.sun.net.httpserver.HttpServer;
import io.github.dismagent.LogText;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the JDK server's {@code HTTP-Dispatcher} thread, which accepts and dispatches every
 * connection, alive: an {@link Error} thrown on it (an OutOfMemoryError on a starved host) ends it,
 * and the server then answers nothing. Checked once a second; a dead dispatcher's loop is started
 * again on a new daemon thread, on the same selector and listening socket
 * ({@link JdkHttpServerInternals#restartDispatcherOf}), one thread at a time. Where that cannot be
 * done (a JDK whose server is not as expected), the endpoint is bound again on the same port
 * instead, once the dead server is released ({@link JdkServers#release}): JDK 25's {@code stop}
 * allocates before it closes the listening socket, so a release an Error interrupted is repeated
 * until it completes, or the port would stay taken.
 */
final class DispatcherWatch {
    private static final Logger log = LoggerFactory.getLogger(HttpEndpoint.class); // the category operators filter on
    private static final long REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final HttpEndpoint endpoint;
    private JdkHttpServerInternals internals;
    private HttpServer server;
    private volatile Thread dispatcher;
    private volatile Throwable lastDeath;
    private boolean scheduled;
    private boolean givenUp;
    private long restarts;
    private long reportedNanos;
    private boolean reported;

    DispatcherWatch(HttpEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** Watches this server's dispatcher from now on, once a second on the timer; nothing when it cannot be had. */
    synchronized void watch(HttpServer served, JdkHttpServerInternals reached, ScheduledExecutorService timer) {
        Thread thread = reached.dispatcherOf(served).orElse(null);
        server = thread == null ? null : served;
        internals = reached;
        givenUp = false;
        if (thread == null) {
            log.debug("the JDK's HTTP server gives no dispatcher thread to watch: {}", LogText.line(String.valueOf(reached.failure())));
            return;
        }
        follow(thread);
        if (!scheduled) {
            scheduled = true;
            timer.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** Records what ended the thread, without allocating: the heap may be full when it runs. */
    private void follow(Thread thread) {
        dispatcher = thread;
        try {
            thread.setUncaughtExceptionHandler((t, e) -> lastDeath = e);
        } catch (RuntimeException e) {
            // refused by a security manager: the log line says the cause is not known
        }
    }

    /** The dispatcher thread watched now; null before the first. */
    Thread dispatcher() {
        return dispatcher;
    }

    /** Once a second, and from the agent's watchdog. Never throws. */
    void check() {
        try {
            HttpServer dead = restartOrStop();
            if (dead != null) {
                endpoint.rebindAfterDeath(dead); // outside this lock: the endpoint's bind takes its own, then this one
            }
        } catch (Throwable e) {
            // an OutOfMemoryError again: the next check goes on from here
        }
    }

    /** The stopped server to bind again in place of, or null. */
    private synchronized HttpServer restartOrStop() {
        Thread thread = dispatcher;
        if (server == null || thread == null || thread.isAlive() || !endpoint.isServing(server)) {
            return null;
        }
        if (givenUp) {
            return stop(); // again: the last stop was interrupted
        }
        String cause = lastDeath == null ? "no Error seen on it" : lastDeath.toString();
        StringBuilder whyNot = new StringBuilder();
        Thread restarted = internals.restartDispatcherOf(server, whyNot::append).orElse(null);
        if (restarted != null) {
            follow(restarted);
            restarts++;
            reportRestart(cause);
            return null;
        }
        givenUp = true;
        log.warn("The HTTP endpoint's dispatcher thread ended ({}) and its loop cannot be started again ({}); binding the "
                + "endpoint again on the same port", LogText.line(cause), LogText.line(whyNot.toString()));
        return stop();
    }

    /** The first restart, then at most one line a minute: a heap full for long ends each new thread too. */
    private void reportRestart(String cause) {
        long now = System.nanoTime();
        if (!reported || now - reportedNanos >= REPORT_INTERVAL_NANOS) {
            log.warn("The HTTP endpoint's dispatcher thread ended ({}); its loop runs again on a new thread, on the same "
                    + "listening socket ({}; {} restart(s) since the start)", LogText.line(cause),
                    LogText.shown(String.valueOf(server.getAddress())), restarts);
            reportedNanos = now;
            reported = true;
        }
    }

    /** Throws when an Error interrupts the stop: the next check repeats it. */
    private HttpServer stop() {
        JdkServers.release(server, internals);
        HttpServer dead = server;
        server = null;
        return dead;
    }
}
