package io.github.dismagent.agent.http;

import com.sun.net.httpserver.HttpServer;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

    private final Set<?> requests;
    private final Set<?> responses;
    private final Set<?> all;
    private final VarHandle requestStarted;
    private final VarHandle responseStarted;
    private final MethodHandle close;
    private final long limitMillis;

    private ConnectionGuard(Set<?> requests, Set<?> responses, Set<?> all, VarHandle requestStarted, VarHandle responseStarted,
                            MethodHandle close, long limitMillis) {
        this.requests = requests;
        this.responses = responses;
        this.all = all;
        this.requestStarted = requestStarted;
        this.responseStarted = responseStarted;
        this.close = close;
        this.limitMillis = limitMillis;
    }

    /** A guard of this server (plain or TLS); inactive when the JDK's internals cannot be reached. */
    static ConnectionGuard of(HttpServer server, Instrumentation instrumentation, Duration limit) {
        try {
            JdkHttpServerInternals.open(instrumentation);
            Class<?> serverImpl = JdkHttpServerInternals.type("ServerImpl");
            Class<?> connection = JdkHttpServerInternals.type("HttpConnection");
            Object impl = JdkHttpServerInternals.lookupIn(server.getClass().getSimpleName())
                    .findVarHandle(server.getClass(), "server", serverImpl).get(server);
            MethodHandles.Lookup inServer = JdkHttpServerInternals.lookupIn("ServerImpl");
            MethodHandles.Lookup inConnection = JdkHttpServerInternals.lookupIn("HttpConnection");
            return new ConnectionGuard(
                    (Set<?>) inServer.findVarHandle(serverImpl, "reqConnections", Set.class).get(impl),
                    (Set<?>) inServer.findVarHandle(serverImpl, "rspConnections", Set.class).get(impl),
                    (Set<?>) inServer.findVarHandle(serverImpl, "allConnections", Set.class).get(impl),
                    inConnection.findVarHandle(connection, "reqStartedTime", long.class),
                    inConnection.findVarHandle(connection, "rspStartedTime", long.class),
                    inConnection.findVirtual(connection, "close", MethodType.methodType(void.class))
                            .asType(MethodType.methodType(void.class, Object.class)),
                    limit.toMillis());
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("The time limit on HTTP exchanges cannot be applied ({}); stalled clients hold a worker until they go", e.toString());
            return new ConnectionGuard(Set.of(), Set.of(), Set.of(), null, null, null, limit.toMillis());
        }
    }

    boolean active() {
        return close != null;
    }

    /** How many connections the server has open; 0 when inactive. */
    int openConnections() {
        return all.size();
    }

    /** Closes every connection whose request or response has taken longer than the limit; returns how many. */
    int closeOverdue() {
        if (!active()) {
            return 0;
        }
        long now = System.currentTimeMillis(); // the JDK stamps the connections with this clock
        List<Object> overdue = new ArrayList<>();
        collect(requests, requestStarted, now, overdue);
        collect(responses, responseStarted, now, overdue);
        for (Object connection : overdue) {
            all.remove(connection);
            try {
                close.invokeExact(connection);
            } catch (Throwable e) {
                log.debug("closing a stalled HTTP connection failed: {}", e.toString());
            }
        }
        return overdue.size();
    }

    private void collect(Set<?> connections, VarHandle started, long now, List<Object> overdue) {
        synchronized (connections) { // a Collections.synchronizedSet: its own monitor guards iteration
            var iterator = connections.iterator();
            while (iterator.hasNext()) {
                Object connection = iterator.next();
                if (now - (long) started.get(connection) >= limitMillis) {
                    iterator.remove();
                    overdue.add(connection);
                }
            }
        }
    }
}
