package io.github.dismagent.agent.http;

import com.sun.net.httpserver.HttpExchange;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Nagle's algorithm off on the agent's own HTTP connections. JDK 17's server writes a
 * response's headers and its body in two writes; with Nagle on, the body waits for the client's
 * delayed ACK of the headers, and every small response takes 40 ms on a kept-alive connection. The
 * JDK's only switch for it, {@code sun.net.httpserver.nodelay}, is JVM-wide and would change the
 * host's own servers, so the agent sets TCP_NODELAY on its own sockets instead: it opens the server's
 * package to its own module through the Instrumentation API (the agent's means for this) and reaches
 * each exchange's channel. Should the JDK's internals differ, nothing is done and the responses are
 * merely slower.
 */
final class NoDelayConnections {
    private static final Logger log = LoggerFactory.getLogger(NoDelayConnections.class);
    private static final String PACKAGE = "sun.net.httpserver";

    private final MethodHandle channelOfExchange;

    private NoDelayConnections(MethodHandle channelOfExchange) {
        this.channelOfExchange = channelOfExchange;
    }

    /** For the exchanges of this JVM's com.sun.net.httpserver; a no-op when its internals cannot be reached. */
    static NoDelayConnections forThisJvm(Instrumentation instrumentation) {
        try {
            Module server = com.sun.net.httpserver.HttpServer.class.getModule();
            Module self = NoDelayConnections.class.getModule();
            if (!server.isOpen(PACKAGE, self) && instrumentation != null) {
                instrumentation.redefineModule(server, Set.of(), Map.of(), Map.of(PACKAGE, Set.of(self)), Set.of(), Map.of());
            }
            Class<?> exchangeImpl = Class.forName(PACKAGE + ".HttpExchangeImpl");
            Class<?> impl = Class.forName(PACKAGE + ".ExchangeImpl");
            Class<?> connection = Class.forName(PACKAGE + ".HttpConnection");
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle exchange = MethodHandles.privateLookupIn(exchangeImpl, lookup).findGetter(exchangeImpl, "impl", impl);
            MethodHandle getConnection = MethodHandles.privateLookupIn(impl, lookup).findVirtual(impl, "getConnection",
                    MethodType.methodType(connection));
            MethodHandle getChannel = MethodHandles.privateLookupIn(connection, lookup).findVirtual(connection, "getChannel",
                    MethodType.methodType(SocketChannel.class));
            MethodHandle chain = MethodHandles.filterReturnValue(MethodHandles.filterReturnValue(exchange, getConnection), getChannel);
            return new NoDelayConnections(chain.asType(MethodType.methodType(SocketChannel.class, Object.class)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("TCP_NODELAY cannot be set on the agent's HTTP connections ({}); small responses may wait for delayed ACKs", e.toString());
            return new NoDelayConnections(null);
        }
    }

    boolean active() {
        return channelOfExchange != null;
    }

    /** Sets TCP_NODELAY on the exchange's connection; does nothing for another kind of exchange. */
    void apply(HttpExchange exchange) {
        if (channelOfExchange == null || !exchange.getClass().getName().equals(PACKAGE + ".HttpExchangeImpl")) {
            return;
        }
        try {
            SocketChannel channel = (SocketChannel) channelOfExchange.invokeExact((Object) exchange);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (Throwable e) {
            // the connection may be closing; the response goes out all the same
        }
    }
}
