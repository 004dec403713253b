package io.github.dismagent.agent.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * At most {@value #AT_ONCE} requests are answered at a time, whatever the number of connection
 * threads ({@link ConnectionThreads}): scrapes and status pages are CPU work in the host's JVM. A
 * request whose head has arrived waits here for its turn.
 */
final class ServingLimit extends Filter {
    static final int AT_ONCE = 4;
    private final Semaphore permits = new Semaphore(AT_ONCE, true);

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        permits.acquireUninterruptibly();
        try {
            chain.doFilter(exchange);
        } finally {
            permits.release();
        }
    }

    @Override
    public String description() {
        return "at most " + AT_ONCE + " requests answered at once";
    }
}
