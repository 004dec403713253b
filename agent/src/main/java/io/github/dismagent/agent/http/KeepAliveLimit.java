package io.github.dismagent.agent.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.function.IntSupplier;

/**
 * Answers with {@code Connection: close} while more than {@link #KEPT_ALIVE} connections are open.
 * The JDK's server keeps at most 200 idle connections (a JVM-wide setting) and closes any beyond
 * that without telling the client, whose next request on it then fails; a client told to close
 * reconnects cleanly instead. Prometheus uses one connection per target, so this only matters when
 * many scrapers share the endpoint.
 */
final class KeepAliveLimit extends Filter {
    static final int KEPT_ALIVE = 128;

    private final IntSupplier openConnections;

    KeepAliveLimit(IntSupplier openConnections) {
        this.openConnections = openConnections;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (openConnections.getAsInt() > KEPT_ALIVE) {
            exchange.getResponseHeaders().set("Connection", "close");
        }
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "asks clients to close their connection while more than " + KEPT_ALIVE + " are open";
    }
}
