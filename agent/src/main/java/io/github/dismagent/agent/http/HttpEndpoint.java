package io.github.dismagent.agent.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTP server on the JDK's {@code com.sun.net.httpserver}: a bounded pool of daemon
 * threads, and, when the port is taken, a log line and new tries in the background (after 5 s,
 * then twice as long each time up to a minute) while JMX goes on working.
 *
 * <p>{@link #start()} must run on a daemon thread: the server's dispatcher thread inherits it, and
 * a non-daemon dispatcher would keep the host's JVM from exiting.
 */
public final class HttpEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpEndpoint.class);
    static final long FIRST_RETRY_SECONDS = 5;
    static final long LONGEST_RETRY_SECONDS = 60;
    private static final int WORKERS = 4;
    private static final int QUEUED_REQUESTS = 256;

    private final String bind;
    private final int port;
    private final HttpHandler handler;
    private final ThreadPoolExecutor workers;
    private volatile HttpServer server;
    private volatile String state;
    private volatile boolean closed;
    private ScheduledExecutorService retries;
    private boolean reportedBusy;
    private long nextRetrySeconds = FIRST_RETRY_SECONDS;

    public HttpEndpoint(String bind, int port, HttpHandler handler) {
        this.bind = bind;
        this.port = port;
        this.handler = handler;
        AtomicInteger count = new AtomicInteger();
        // Bounded: at most four requests at a time, 256 waiting; beyond that the server closes the connection.
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED_REQUESTS), r -> {
            Thread t = new Thread(r, "dismagent-http-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        this.workers.allowCoreThreadTimeOut(true);
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
        if (closed || server != null) {
            return;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            state = "not listening: the bind address " + bind + " cannot be resolved";
            log.warn("HTTP endpoint not started: the bind address {} cannot be resolved; set bind to an address of this machine "
                    + "(127.0.0.1, 0.0.0.0, ...). JMX works without it.", bind);
            return;
        }
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(address, port), 64);
            created.createContext("/", handler);
            created.setExecutor(workers);
            created.start();
            server = created;
            state = url(created.getAddress());
            log.info("Serving {} (status page at {})", state, state.replace("/metrics", "/"));
            if (retries != null) {
                retries.shutdown();
            }
        } catch (BindException e) {
            state = "not listening: " + bind + ":" + port + " is in use or not an address of this machine (" + e.getMessage()
                    + "); retrying in the background";
            if (!reportedBusy) {
                reportedBusy = true;
                log.warn("HTTP port {} on {} cannot be bound ({}); /metrics is not served yet and dismagent keeps trying in the "
                        + "background (every {} s at most). JMX works meanwhile. Choose a free port with port=<n>.",
                        port, bind, e.getMessage(), LONGEST_RETRY_SECONDS);
            }
            scheduleRetry();
        } catch (IOException | RuntimeException e) {
            state = "not listening: " + e;
            log.warn("HTTP endpoint not started: {}. JMX works without it.", e.toString());
        }
    }

    private void scheduleRetry() {
        if (retries == null) {
            retries = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dismagent-http-retry");
                t.setDaemon(true); // the server it creates gets a daemon dispatcher too
                return t;
            });
        }
        retries.schedule(this::tryToBind, nextRetrySeconds, TimeUnit.SECONDS);
        nextRetrySeconds = Math.min(nextRetrySeconds * 2, LONGEST_RETRY_SECONDS);
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

    private static String url(InetSocketAddress address) {
        InetAddress host = address.getAddress();
        String shown = host instanceof Inet6Address ? "[" + host.getHostAddress().replaceAll("%.*$", "") + "]" : host.getHostAddress();
        return "http://" + shown + ":" + address.getPort() + "/metrics";
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (retries != null) {
            retries.shutdownNow();
        }
        if (server != null) {
            server.stop(0);
            server = null;
        }
        workers.shutdownNow();
        state = "stopped";
    }
}
