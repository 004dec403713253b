package io.github.dismagent.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The only class that reaches into the JDK's own HTTP server ({@code sun.net.httpserver}), for the
 * what its public API cannot do for one server alone: TCP_NODELAY on its connections
 * ({@link NoDelayConnections}), a time limit on its exchanges ({@link ConnectionGuard}), and, after an
 * Error ended its dispatcher thread, starting that loop again or releasing its port. The
 * JDK's switches for both ({@code sun.net.httpserver.nodelay}, {@code maxReqTime},
 * {@code maxRspTime}) are system properties that would change every server of the JVM, the host's
 * included. The package is opened to the agent's own module, and to nothing else, through the
 * Instrumentation API.
 *
 * <p>What is used, so that a JDK that changes it is noticed (JdkHttpServerInternalsTest fails on it,
 * on JDK 17 and 25): {@code HttpServerImpl.server} and {@code HttpsServerImpl.server} (the
 * {@code ServerImpl}); {@code ServerImpl.reqConnections}, {@code rspConnections} and
 * {@code allConnections} (synchronized sets of {@code HttpConnection}); {@code HttpConnection
 * .reqStartedTime}, {@code rspStartedTime}, {@code close()} and {@code getChannel()};
 * {@code HttpExchangeImpl.impl} and {@code HttpsExchangeImpl.impl} ({@code ExchangeImpl}) and
 * {@code ExchangeImpl.getConnection()}. When any of it cannot be reached, {@link #reached()} is
 * false, {@link #failure()} says why, and the agent's server behaves as the JDK's does by default.
 * To start a dispatcher an Error ended again ({@link DispatcherWatch}): {@code ServerImpl.dispatcher},
 * {@code dispatcherThread}, {@code terminating} and {@code selector}, each on its own.
 */
final class JdkHttpServerInternals {
    static final String PACKAGE = "sun.net.httpserver";

    private final Map<Class<?>, MethodHandle> channelOfExchange;
    private final Map<Class<?>, MethodHandle> implOfServer;
    private final VarHandle requests;
    private final VarHandle responses;
    private final VarHandle all;
    private final VarHandle requestStarted;
    private final VarHandle responseStarted;
    private final MethodHandle close;
    private final String failure;
    private final VarHandle dispatcherThread;
    private final VarHandle dispatcherLoop;
    private final VarHandle terminating;
    private final VarHandle selector;

    private JdkHttpServerInternals(Map<Class<?>, MethodHandle> channelOfExchange, Map<Class<?>, MethodHandle> implOfServer,
                                   VarHandle requests, VarHandle responses, VarHandle all, VarHandle requestStarted,
                                   VarHandle responseStarted, MethodHandle close, String failure) {
        this.channelOfExchange = channelOfExchange;
        this.implOfServer = implOfServer;
        this.requests = requests;
        this.responses = responses;
        this.all = all;
        this.requestStarted = requestStarted;
        this.responseStarted = responseStarted;
        this.close = close;
        this.failure = failure;
        this.dispatcherThread = serverField("dispatcherThread");
        this.dispatcherLoop = serverField("dispatcher");
        this.terminating = serverField("terminating");
        this.selector = serverField("selector");
    }

    /** Each looked up on its own: a JDK without one loses what needs it (watching, restarting the dispatcher), not the rest. */
    private static VarHandle serverField(String name) {
        try {
            return lookupIn("ServerImpl").unreflectVarHandle(type("ServerImpl").getDeclaredField(name));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Everything this JVM's server offers, or, when any of it cannot be reached, nothing and why. Never throws. */
    static JdkHttpServerInternals reach(Instrumentation instrumentation) {
        try {
            open(instrumentation);
            Class<?> serverImpl = type("ServerImpl");
            Class<?> connection = type("HttpConnection");
            Class<?> exchangeImpl = type("ExchangeImpl");
            MethodHandles.Lookup inServer = lookupIn("ServerImpl");
            MethodHandles.Lookup inConnection = lookupIn("HttpConnection");
            MethodHandle getConnection = lookupIn("ExchangeImpl").findVirtual(exchangeImpl, "getConnection",
                    MethodType.methodType(connection));
            MethodHandle getChannel = inConnection.findVirtual(connection, "getChannel", MethodType.methodType(SocketChannel.class));
            Map<Class<?>, MethodHandle> channels = new HashMap<>();
            for (String exchangeClass : new String[] {"HttpExchangeImpl", "HttpsExchangeImpl"}) {
                Class<?> type = type(exchangeClass);
                MethodHandle impl = lookupIn(exchangeClass).findGetter(type, "impl", exchangeImpl);
                MethodHandle chain = MethodHandles.filterReturnValue(MethodHandles.filterReturnValue(impl, getConnection), getChannel);
                channels.put(type, chain.asType(MethodType.methodType(SocketChannel.class, Object.class)));
            }
            Map<Class<?>, MethodHandle> servers = new HashMap<>();
            for (String serverClass : new String[] {"HttpServerImpl", "HttpsServerImpl"}) {
                Class<?> type = type(serverClass);
                servers.put(type, lookupIn(serverClass).findGetter(type, "server", serverImpl)
                        .asType(MethodType.methodType(Object.class, Object.class)));
            }
            return new JdkHttpServerInternals(Map.copyOf(channels), Map.copyOf(servers),
                    inServer.findVarHandle(serverImpl, "reqConnections", Set.class),
                    inServer.findVarHandle(serverImpl, "rspConnections", Set.class),
                    inServer.findVarHandle(serverImpl, "allConnections", Set.class),
                    inConnection.findVarHandle(connection, "reqStartedTime", long.class),
                    inConnection.findVarHandle(connection, "rspStartedTime", long.class),
                    inConnection.findVirtual(connection, "close", MethodType.methodType(void.class))
                            .asType(MethodType.methodType(void.class, Object.class)),
                    null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new JdkHttpServerInternals(Map.of(), Map.of(), null, null, null, null, null, null, e.toString());
        }
    }

    boolean reached() {
        return failure == null;
    }

    /** Why the internals could not be reached; null when they were. */
    String failure() {
        return failure;
    }

    /**
     * The socket channel of an exchange of this server.
     *
     * @throws IllegalArgumentException for an exchange of another kind, or when the internals were not reached
     */
    SocketChannel channelOf(HttpExchange exchange) {
        MethodHandle channelOf = channelOfExchange.get(exchange.getClass());
        if (channelOf == null) {
            throw new IllegalArgumentException("not an exchange of the JDK's server: " + exchange.getClass().getName());
        }
        try {
            return (SocketChannel) channelOf.invokeExact((Object) exchange);
        } catch (Throwable e) {
            throw new IllegalStateException("the exchange's channel cannot be had: " + e, e);
        }
    }

    /**
     * The connections of one server.
     *
     * @throws IllegalArgumentException for a server of another kind, or when the internals were not reached
     */
    JdkServerConnections connectionsOf(HttpServer server) {
        try {
            Object impl = implOf(server);
            return new JdkServerConnections((Set<?>) requests.get(impl), (Set<?>) responses.get(impl), (Set<?>) all.get(impl),
                    requestStarted, responseStarted, close);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("the server's connections cannot be had: " + e, e);
        }
    }

    /**
     * The server's dispatcher thread ({@code HTTP-Dispatcher}), which accepts every connection: an
     * {@link Error} thrown on it (an OutOfMemoryError in a starved host) ends it, and the server then
     * answers nothing. Empty when it cannot be had.
     */
    Optional<Thread> dispatcherOf(HttpServer server) {
        try {
            return Optional.ofNullable((Thread) dispatcherThread.getVolatile(implOf(server)));
        } catch (Throwable e) {
            return Optional.empty();
        }
    }

    /**
     * Runs the dispatcher loop of a server whose dispatcher thread an Error ended on a new daemon
     * thread, with the same selector and listening socket: nothing to release, nothing to bind again.
     * The loop keeps its state in the server and its selector (an Error between two statements loses
     * at most the connection and the finished exchanges it was handling), so it can go on where it
     * stopped. {@code ServerImpl.dispatcherThread} is set to the new thread so that {@code stop} waits
     * for it. The new thread runs the same {@code ServerImpl.Dispatcher} object as the JDK's did.
     *
     * @return the new thread, started; empty, with {@code whyNot} told why, when this JDK's server is
     *         not as expected, is stopping or its selector is closed
     */
    Optional<Thread> restartDispatcherOf(HttpServer server, Consumer<String> whyNot) {
        try {
            Object impl = implOf(server);
            if (dispatcherLoop == null || dispatcherThread == null || terminating == null || selector == null) {
                whyNot.accept("ServerImpl.dispatcher, dispatcherThread, terminating or selector not found on this JDK");
            } else if ((boolean) terminating.getVolatile(impl)) {
                whyNot.accept("the server is stopping");
            } else if (!((Selector) selector.get(impl)).isOpen()) {
                whyNot.accept("its selector is closed");
            } else {
                Thread thread = new Thread(null, (Runnable) dispatcherLoop.get(impl), "HTTP-Dispatcher", 0, false);
                thread.setDaemon(true);
                dispatcherThread.setVolatile(impl, thread);
                thread.start();
                return Optional.of(thread);
            }
        } catch (Error e) {
            throw e; // an OutOfMemoryError for the new thread: the next check tries again, it is no reason to give up
        } catch (Throwable e) {
            whyNot.accept(e.toString());
        }
        return Optional.empty();
    }

    private Object implOf(HttpServer server) throws Throwable {
        MethodHandle implOf = implOfServer.get(server.getClass());
        if (implOf == null) {
            throw new IllegalArgumentException("not a server of the JDK's: " + server.getClass().getName());
        }
        return implOf.invokeExact((Object) server);
    }

    /**
     * Closes the selector of a server whose dispatcher died: the listening socket, closed by
     * {@code stop}, is only released when its key leaves the selector, which the dead dispatcher
     * would have done on its way out. Without it the port stays taken.
     */
    void closeSelectorOf(HttpServer server) {
        try {
            ((Selector) selector.get(implOf(server))).close();
        } catch (Error e) {
            throw e; // interrupted on a full heap: the caller repeats it, or the port stays taken
        } catch (Throwable e) {
            // internals not as expected, or closed already: nothing more to do
        }
    }

    /** Opens the package to the agent's module when it is not open already. */
    private static void open(Instrumentation instrumentation) {
        Module server = HttpServer.class.getModule();
        Module self = JdkHttpServerInternals.class.getModule();
        if (server.isOpen(PACKAGE, self)) {
            return;
        }
        if (instrumentation == null) {
            throw new IllegalStateException(PACKAGE + " is not open to dismagent and there is no Instrumentation to open it");
        }
        instrumentation.redefineModule(server, Set.of(), Map.of(), Map.of(PACKAGE, Set.of(self)), Set.of(), Map.of());
    }

    private static MethodHandles.Lookup lookupIn(String simpleName) throws ReflectiveOperationException {
        return MethodHandles.privateLookupIn(type(simpleName), MethodHandles.lookup());
    }

    private static Class<?> type(String simpleName) throws ClassNotFoundException {
        return Class.forName(PACKAGE + "." + simpleName, false, HttpServer.class.getClassLoader());
    }
}
