package io.github.dismagent.agent.http;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.github.dismagent.agent.security.EndpointSecurity;
import io.github.dismagent.agent.security.TlsContext;
import java.io.IOException;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** Creates the endpoint's JDK server (HTTPS when configured), and releases one that will not serve. */
final class JdkServers {
    private JdkServers() {
    }

    /**
     * A server not bound yet: the JDK's constructor allocates and logs after it binds, so an Error
     * there (a full heap) would leave a bound socket that nothing can reach to close. Bind it last.
     */
    static HttpServer create(EndpointSecurity security) throws IOException {
        Optional<TlsContext> tls = security.tlsContext();
        if (tls.isEmpty()) {
            return HttpServer.create();
        }
        HttpsServer https = HttpsServer.create();
        SSLContext context = tls.get().context();
        boolean clientCertificates = tls.get().requireClientCertificates();
        https.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setNeedClientAuth(clientCertificates);
                parameters.setSSLParameters(ssl);
            }
        });
        return https;
    }

    /**
     * Stops a server that will not serve (its dispatcher died, or an Error came between its bind and
     * its start) and closes its selector: its listening socket, closed by {@code stop}, is only
     * released when its key leaves the selector, which no dispatcher will do. Throws when an Error
     * interrupts it: call again.
     */
    static void release(HttpServer server, JdkHttpServerInternals internals) {
        try {
            server.stop(0);
        } catch (RuntimeException stoppedAlready) {
            // a repeated release after an interrupted one: closing the selector below is what frees the port
        }
        internals.closeSelectorOf(server);
    }
}
