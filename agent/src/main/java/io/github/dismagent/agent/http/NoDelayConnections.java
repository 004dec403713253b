package io.github.dismagent.agent.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.StandardSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Nagle's algorithm off on the agent's own HTTP connections. JDK 17's server writes a
 * response's headers and its body in two writes; with Nagle on, the body waits for the client's
 * delayed ACK of the headers, and every small response takes 40 ms on a kept-alive connection. The
 * JDK's only switch for it, {@code sun.net.httpserver.nodelay}, is JVM-wide and would change the
 * host's own servers, so the agent sets TCP_NODELAY on its own sockets instead, reaching each
 * exchange's channel through {@link JdkHttpServerInternals}, as a filter of the agent's server before
 * anything is written. Should the JDK's internals differ, nothing is done and the responses are
 * merely slower.
 */
final class NoDelayConnections extends Filter {
    private static final Logger log = LoggerFactory.getLogger(NoDelayConnections.class);

    private final JdkHttpServerInternals internals;

    private NoDelayConnections(JdkHttpServerInternals internals) {
        this.internals = internals;
    }

    /** For the exchanges of this JVM's com.sun.net.httpserver; a no-op when its internals cannot be reached. */
    static NoDelayConnections of(JdkHttpServerInternals internals) {
        if (!internals.reached()) {
            log.debug("TCP_NODELAY cannot be set on the agent's HTTP connections ({}); small responses may wait for delayed ACKs",
                    internals.failure());
        }
        return new NoDelayConnections(internals);
    }

    boolean active() {
        return internals.reached();
    }

    /** Sets TCP_NODELAY on the exchange's connection; does nothing for another kind of exchange. */
    void apply(HttpExchange exchange) {
        if (!active()) {
            return;
        }
        try {
            internals.channelOf(exchange).setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException | RuntimeException e) {
            // the connection may be closing, or the exchange is of another kind; the response goes out all the same
        }
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        apply(exchange);
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "sets TCP_NODELAY on the connection";
    }
}
