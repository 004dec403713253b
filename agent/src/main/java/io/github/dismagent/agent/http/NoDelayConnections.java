package io.github.dismagent.agent.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Map;
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

    /** By exchange class (plain and TLS): the exchange's socket channel. */
    private final Map<Class<?>, MethodHandle> channelOfExchange;

    private NoDelayConnections(Map<Class<?>, MethodHandle> channelOfExchange) {
        this.channelOfExchange = channelOfExchange;
    }

    /** For the exchanges of this JVM's com.sun.net.httpserver; a no-op when its internals cannot be reached. */
    static NoDelayConnections forThisJvm(Instrumentation instrumentation) {
        try {
            JdkHttpServerInternals.open(instrumentation);
            Class<?> impl = JdkHttpServerInternals.type("ExchangeImpl");
            Class<?> connection = JdkHttpServerInternals.type("HttpConnection");
            MethodHandle getConnection = JdkHttpServerInternals.lookupIn("ExchangeImpl").findVirtual(impl, "getConnection",
                    MethodType.methodType(connection));
            MethodHandle getChannel = JdkHttpServerInternals.lookupIn("HttpConnection").findVirtual(connection, "getChannel",
                    MethodType.methodType(SocketChannel.class));
            Map<Class<?>, MethodHandle> handles = new HashMap<>();
            for (String exchangeClass : new String[] {"HttpExchangeImpl", "HttpsExchangeImpl"}) {
                Class<?> type = JdkHttpServerInternals.type(exchangeClass);
                MethodHandle exchange = JdkHttpServerInternals.lookupIn(exchangeClass).findGetter(type, "impl", impl);
                MethodHandle chain = MethodHandles.filterReturnValue(MethodHandles.filterReturnValue(exchange, getConnection), getChannel);
                handles.put(type, chain.asType(MethodType.methodType(SocketChannel.class, Object.class)));
            }
            return new NoDelayConnections(Map.copyOf(handles));
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("TCP_NODELAY cannot be set on the agent's HTTP connections ({}); small responses may wait for delayed ACKs", e.toString());
            return new NoDelayConnections(Map.of());
        }
    }

    boolean active() {
        return !channelOfExchange.isEmpty();
    }

    /** Sets TCP_NODELAY on the exchange's connection; does nothing for another kind of exchange. */
    void apply(HttpExchange exchange) {
        MethodHandle channelOf = channelOfExchange.get(exchange.getClass());
        if (channelOf == null) {
            return;
        }
        try {
            SocketChannel channel = (SocketChannel) channelOf.invokeExact((Object) exchange);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (Throwable e) {
            // the connection may be closing; the response goes out all the same
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
