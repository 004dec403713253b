package io.github.dismagent.agent.http;

import com.sun.net.httpserver.HttpServer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the connections of the agent's HTTP server, for two protections the JDK applies only
 * JVM-wide. First, it closes the connections whose exchange has not completed within a time
 * limit: a client that sends its request a byte at a time, sends a body it never finishes, or does
 * not read the response. The JDK's server reads requests and writes responses on the worker
 * threads, of which the agent has a few; without a limit, as many stalled clients would hold them
 * all and no scrape would be answered. The JDK's own limits ({@code sun.net.httpserver.maxReqTime},
 * {@code maxRspTime}) are JVM-wide system properties and would cut the host's servers too, so the
 * agent applies the same rule to its own server alone, doing what the JDK's timer task does:
 * remove the connection from the server's sets and close it, which also frees the worker blocked on
 * it. Second, it counts the open connections, so that {@link KeepAliveLimit} can ask clients to
 * close theirs before the JDK's own limit on idle connections (200) closes them without a word.
 * When the JDK's internals cannot be reached, {@link #active()} is false and nothing is done.
 */
final class ConnectionGuard {
    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);

    private final JdkServerConnections connections;
    private final long limitMillis;

    private ConnectionGuard(JdkServerConnections connections, long limitMillis) {
        this.connections = connections;
        this.limitMillis = limitMillis;
    }

    /** A guard of this server (plain or TLS); inactive when the JDK's internals cannot be reached. */
    static ConnectionGuard of(HttpServer server, JdkHttpServerInternals internals, Duration limit) {
        try {
            return new ConnectionGuard(internals.connectionsOf(server), limit.toMillis());
        } catch (RuntimeException e) {
            log.debug("The time limit on HTTP exchanges cannot be applied ({}); stalled clients hold a worker until they go",
                    internals.reached() ? e.toString() : internals.failure());
            return new ConnectionGuard(null, limit.toMillis());
        }
    }

    boolean active() {
        return connections != null;
    }

    /** How many connections the server has open; 0 when inactive. */
    int openConnections() {
        return active() ? connections.open() : 0;
    }

    /** Closes every connection whose request or response has taken longer than the limit; returns how many. */
    int closeOverdue() {
        return active() ? connections.closeStartedBefore(limitMillis) : 0;
    }
}
