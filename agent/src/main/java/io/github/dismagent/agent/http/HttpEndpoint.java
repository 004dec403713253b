package io.github.dismagent.agent.http;

import io.github.dismagent.LogText;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.github.dismagent.agent.security.EndpointSecurity;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTP server on the JDK's {@code com.sun.net.httpserver}: a bounded pool of daemon
 * threads, HTTPS and basic authentication when configured ({@link EndpointSecurity}), TCP_NODELAY
 * on its connections ({@link NoDelayConnections}), a time limit on every exchange
 * ({@link ConnectionGuard}), a dispatcher thread that an Error ended replaced ({@link DispatcherWatch}),
 * and, when the port is taken, a log line and new tries in the background (after 5 s, then twice as
 * long each time up to a minute) while JMX goes on working.
 *
 * <p>{@link #start()} must run on a daemon thread: the server's dispatcher thread inherits it, and
 * a non-daemon dispatcher would keep the host's JVM from exiting.
 */
public final class HttpEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpEndpoint.class);
    static final long FIRST_RETRY_SECONDS = 5;
    static final long LONGEST_RETRY_SECONDS = 60;
    /** Longer than any scrape takes (Prometheus gives up after 10 s by default); a slower client is stalled or hostile. */
    static final Duration EXCHANGE_LIMIT = Duration.ofSeconds(10);

    private final String bind;
    private final int port;
    private final HttpHandler handler;
    private final EndpointSecurity security;
    private final Instrumentation instrumentation;
    private final Duration exchangeLimit;
    private final ThreadPoolExecutor workers;
    private volatile HttpServer server;
    private final DispatcherWatch dispatcherWatch = new DispatcherWatch(this);
    private final StalledExchangeSweep stalledSweep;
    private int boundPort;
    private HttpServer abandoned;
    private volatile String state;
    private volatile boolean closed;
    private volatile ScheduledThreadPoolExecutor timer;
    private ConnectionGuard guard;
    private NoDelayConnections noDelay;
    private boolean reportedBusy;
    private long nextRetrySeconds = FIRST_RETRY_SECONDS;
    // A bind is wanted until one succeeds or fails for good; the watchdog binds when no retry is
    // scheduled by then (an Error on a full heap can end an attempt before it schedules its retry).
    private volatile boolean bindWanted;
    private volatile boolean retryScheduled;
    private volatile long bindDueNanos;

    /**
     * @param security        TLS and authentication, or {@link EndpointSecurity#none()}
     * @param instrumentation the agent's, to reach the JDK server's connections for TCP_NODELAY and the time limit; null
     *                        without
     */
    public HttpEndpoint(String bind, int port, HttpHandler handler, EndpointSecurity security, Instrumentation instrumentation) {
        this(bind, port, handler, security, instrumentation, EXCHANGE_LIMIT);
    }

    HttpEndpoint(String bind, int port, HttpHandler handler, EndpointSecurity security, Instrumentation instrumentation,
                 Duration exchangeLimit) {
        this.bind = bind;
        this.port = port;
        this.handler = handler;
        this.security = security;
        this.instrumentation = instrumentation;
        this.exchangeLimit = exchangeLimit;
        this.stalledSweep = new StalledExchangeSweep(exchangeLimit);
        this.workers = ConnectionThreads.create();
        this.state = port < 0 ? "disabled (port=-1)" : "not started yet";
    }

    /** Binds and serves, or says why not; never throws. */
    public void start() {
        if (port < 0) {
            log.info("HTTP endpoint disabled (port=-1); the MBeans are the only view");
            return;
        }
        tryToBind();
    }

    private synchronized void tryToBind() {
        retryScheduled = false;
        if (closed || server != null) {
            return;
        }
        bindWanted = true;
        bindDueNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(nextRetrySeconds);
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            bindWanted = false;
            state = "not listening: the bind address " + bind + " cannot be resolved";
            log.warn("HTTP endpoint not started: the bind address {} cannot be resolved; set bind to an address of this machine "
                    + "(127.0.0.1, 0.0.0.0, ...). JMX works without it.", LogText.shown(bind));
            return;
        }
        // Bound again after its dispatcher died: on the port it had, even when port=0 picked it.
        int wanted = boundPort > 0 ? boundPort : port;
        HttpServer created = null;
        try {
            if (abandoned != null) {
                JdkServers.release(abandoned, JdkHttpServerInternals.reach(instrumentation));
                abandoned = null;
            }
            created = JdkServers.create(security);
            HttpContext context = created.createContext("/", handler);
            security.authenticator().ifPresent(context::setAuthenticator);
            JdkHttpServerInternals internals = JdkHttpServerInternals.reach(instrumentation);
            noDelay = NoDelayConnections.of(internals);
            guard = ConnectionGuard.of(created, internals, exchangeLimit);
            context.getFilters().add(new ServingLimit());
            context.getFilters().add(noDelay);
            context.getFilters().add(new KeepAliveLimit(guard::openConnections));
            created.setExecutor(workers);
            created.bind(new InetSocketAddress(address, wanted), 64);
            created.start();
            boundPort = created.getAddress().getPort();
            String serving = url(created.getAddress());
            stalledSweep.follow(guard, timer());
            dispatcherWatch.watch(created, internals, timer());
            // The endpoint's server only once it is guarded and watched: an Error before that
            // releases it (abandon) and the next attempt starts over, never a half-started endpoint.
            state = serving;
            server = created;
            bindWanted = false;
        } catch (BindException e) {
            abandon(created);
            state = "not listening: " + bind + ":" + wanted + " is in use or not an address of this machine (" + e.getMessage()
                    + "); retrying in the background";
            if (!reportedBusy) {
                reportedBusy = true;
                log.warn("HTTP port {} on {} cannot be bound ({}); /metrics is not served yet and dismagent keeps trying in the "
                        + "background (every {} s at most). JMX works meanwhile. Choose a free port with port=<n>.",
                        wanted, LogText.shown(bind), LogText.line(e.getMessage()), LONGEST_RETRY_SECONDS);
            }
            scheduleRetry();
        } catch (IOException | RuntimeException e) {
            bindWanted = false;
            abandon(created);
            state = "not listening: " + e;
            log.warn("HTTP endpoint not started: {}. JMX works without it.", LogText.line(e.toString()));
        } catch (Error e) {
            abandon(created);
            state = "not listening: " + e + "; retrying in the background";
            log.warn("HTTP endpoint not started: {}; retrying in the background. JMX works meanwhile.", LogText.line(e.toString()));
            scheduleRetry();
        }
        if (server == created && created != null) {
            reportServing();
        }
    }

    private void reportServing() {
        try {
            log.info("Serving {} (status page at {}){}", state, state.replace("/metrics", "/"),
                    security.tlsContext().isPresent() || security.authenticator().isPresent() ? " over " + security.describe() : "");
            security.warnings().forEach(warning -> log.warn("HTTP endpoint: {}", LogText.line(warning)));
        } catch (Throwable e) {
            // out of memory for the line: the endpoint serves, its HttpEndpoint attribute says where
        }
    }

    /** A server created but not started: released (its socket and selector) before it is lost, or at the next try. */
    private void abandon(HttpServer created) {
        if (created != null && created != server) {
            abandoned = created;
            try {
                JdkServers.release(created, JdkHttpServerInternals.reach(instrumentation));
                abandoned = null;
            } catch (Throwable e) {
                // the heap is still full: released at the next try
            }
        }
    }

    /** For a watchdog that no Error ends: restarts the timer's thread if an Error ended it, and a dead dispatcher. Never throws. */
    public void keepAlive() {
        try {
            ScheduledThreadPoolExecutor t = timer;
            if (t != null) {
                t.prestartCoreThread();
            }
            workers.prestartCoreThread();
            dispatcherWatch.check();
            if (bindWanted && !retryScheduled && !closed && server == null && System.nanoTime() - bindDueNanos >= 0) {
                tryToBind(); // the retry an Error kept from being scheduled
            }
        } catch (Throwable e) {
            // the next call tries again
        }
    }

    /** Whether this server is the one the endpoint serves with now. */
    boolean isServing(HttpServer candidate) {
        return !closed && server == candidate;
    }

    /** Binds a new server in place of one whose dispatcher died and could not be started again (stopped now). */
    synchronized void rebindAfterDeath(HttpServer dead) {
        if (server == dead) {
            server = null;
            nextRetrySeconds = FIRST_RETRY_SECONDS;
            tryToBind();
        }
    }

    /** The endpoint's one timer thread: bind retries and the exchange time limit. */
    private synchronized ScheduledExecutorService timer() {
        if (timer == null) {
            timer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "dismagent-http-timer");
                t.setDaemon(true); // a server it creates on a retry gets a daemon dispatcher too
                return t;
            });
        }
        return timer;
    }

    private void scheduleRetry() {
        timer().schedule(this::tryToBind, nextRetrySeconds, TimeUnit.SECONDS);
        retryScheduled = true;
        nextRetrySeconds = Math.min(nextRetrySeconds * 2, LONGEST_RETRY_SECONDS);
    }

    /** The JDK server serving now, for a test that ends its dispatcher behind the endpoint's back. */
    HttpServer serverForTest() {
        return server;
    }

    /** The dispatcher thread watched now; null before the first. */
    Thread dispatcherForTest() {
        return dispatcherWatch.dispatcher();
    }

    /** Whether its connections get TCP_NODELAY (false when the JDK's internals could not be reached). */
    boolean setsNoDelay() {
        return noDelay != null && noDelay.active();
    }

    /** Whether exchanges are held to the time limit (false when the JDK's internals could not be reached). */
    boolean guardsStalledClients() {
        return guard != null && guard.active();
    }

    /** The address it listens on, once it does. */
    public Optional<InetSocketAddress> address() {
        HttpServer s = server;
        return s == null ? Optional.empty() : Optional.of(s.getAddress());
    }

    /** For the HttpEndpoint attribute: the /metrics URL, or why there is none. */
    public String describe() {
        return state;
    }

    private String url(InetSocketAddress address) {
        InetAddress host = address.getAddress();
        String shown = host instanceof Inet6Address ? "[" + host.getHostAddress().replaceAll("%.*$", "") + "]" : host.getHostAddress();
        return (security.tlsContext().isPresent() ? "https://" : "http://") + shown + ":" + address.getPort() + "/metrics";
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
        }
        if (server != null) {
            server.stop(0);
            server = null;
        }
        workers.shutdownNow();
        state = "stopped";
    }
}
