package io.github.dismagent.agent.http;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.Set;

/**
 * Access to the JDK's own HTTP server classes ({@code sun.net.httpserver}), for the two things its
 * public API cannot do for one server alone: TCP_NODELAY on its connections, and a time limit on
 * its exchanges. The JDK's switches for both are system properties that would change every server
 * of the JVM, the host's included. The package is opened to the agent's own module, and to nothing
 * else, through the Instrumentation API; callers fall back to the JDK's behaviour when any of this
 * fails.
 */
final class JdkHttpServerInternals {
    static final String PACKAGE = "sun.net.httpserver";

    private JdkHttpServerInternals() {
    }

    /**
     * Opens the package to the agent's module when it is not open already.
     *
     * @throws IllegalStateException when it is not open and there is no Instrumentation to open it
     */
    static void open(Instrumentation instrumentation) {
        Module server = com.sun.net.httpserver.HttpServer.class.getModule();
        Module self = JdkHttpServerInternals.class.getModule();
        if (server.isOpen(PACKAGE, self)) {
            return;
        }
        if (instrumentation == null) {
            throw new IllegalStateException(PACKAGE + " is not open to dismagent and there is no Instrumentation to open it");
        }
        instrumentation.redefineModule(server, Set.of(), Map.of(), Map.of(PACKAGE, Set.of(self)), Set.of(), Map.of());
    }

    /** A lookup with private access to the class {@code sun.net.httpserver.<simpleName>}. */
    static MethodHandles.Lookup lookupIn(String simpleName) throws ReflectiveOperationException {
        return MethodHandles.privateLookupIn(type(simpleName), MethodHandles.lookup());
    }

    static Class<?> type(String simpleName) throws ClassNotFoundException {
        return Class.forName(PACKAGE + "." + simpleName, false, com.sun.net.httpserver.HttpServer.class.getClassLoader());
    }
}
