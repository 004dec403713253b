package io.github.dismagent.agent.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The connection sets of one JDK server ({@code ServerImpl.reqConnections}, {@code rspConnections},
 * {@code allConnections}), as the JDK's own timer task uses them; reached by
 * {@link JdkHttpServerInternals#connectionsOf}.
 */
final class JdkServerConnections {
    private final Set<?> requests;
    private final Set<?> responses;
    private final Set<?> all;
    private final VarHandle requestStarted;
    private final VarHandle responseStarted;
    private final MethodHandle close;

    JdkServerConnections(Set<?> requests, Set<?> responses, Set<?> all, VarHandle requestStarted, VarHandle responseStarted,
                         MethodHandle close) {
        this.requests = requests;
        this.responses = responses;
        this.all = all;
        this.requestStarted = requestStarted;
        this.responseStarted = responseStarted;
        this.close = close;
    }

    int open() {
        return all.size();
    }

    /** Removes from the server's sets, and closes, every connection whose request or response started at least limitMillis ago. */
    int closeStartedBefore(long limitMillis) {
        long now = System.currentTimeMillis(); // the JDK stamps the connections with this clock
        List<Object> overdue = new ArrayList<>();
        collect(requests, requestStarted, now, limitMillis, overdue);
        collect(responses, responseStarted, now, limitMillis, overdue);
        for (Object connection : overdue) {
            all.remove(connection);
            try {
                close.invokeExact(connection);
            } catch (Throwable e) {
                // already closing; it is out of the server's sets all the same
            }
        }
        return overdue.size();
    }

    private static void collect(Set<?> connections, VarHandle started, long now, long limitMillis, List<Object> overdue) {
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
