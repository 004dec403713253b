package io.github.dismagent.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.dismagent.testing.Eventually;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the agent takes from the JDK's HTTP server internals still works on this JDK (CI runs this on
 * 17 and 25): a JDK that renamed a field would otherwise only make the agent's server slower and
 * unguarded, with a debug line nobody reads. The test JVM opens sun.net.httpserver on the command
 * line (surefire's argLine), as the agent does through Instrumentation.
 */
class JdkHttpServerInternalsTest {
    private final JdkHttpServerInternals internals = JdkHttpServerInternals.reach(null);
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setExecutor(workers);
    }

    @AfterEach
    void stop() {
        server.stop(0);
        workers.shutdownNow();
    }

    @Test
    void everyInternalIsReachedOnThisJdk() {
        assertNull(internals.failure(), "the JDK's HTTP server changed: " + internals.failure());
        assertTrue(internals.reached());
    }

    @Test
    void theFilterTurnsNagleOffOnTheConnectionTheExchangeIsServedOn() throws Exception {
        server.createContext("/filtered", this::answerWithNoDelay).getFilters().add(NoDelayConnections.of(internals));
        server.createContext("/unfiltered", this::answerWithNoDelay);
        server.start();

        assertEquals("false", get("/unfiltered"), "the JDK's default, so that the filtered answer means something");
        assertEquals("true", get("/filtered"));
    }

    @Test
    void theGuardCountsConnectionsAndClosesAStalledOne() throws Exception {
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        ConnectionGuard guard = ConnectionGuard.of(server, internals, Duration.ofMillis(200));
        assertTrue(guard.active());

        try (Socket stalled = new Socket(server.getAddress().getAddress(), server.getAddress().getPort())) {
            stalled.setSoTimeout(30_000);
            OutputStream out = stalled.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII)); // the head never ends
            out.flush();
            Eventually.await("the server has the connection open", () -> guard.openConnections() >= 1);
            Eventually.await("the stalled connection is closed", () -> guard.closeOverdue() >= 1);
            InputStream in = stalled.getInputStream();
            assertEquals(-1, in.read(), "the server closed the stalled connection");
        }
    }

    @Test
    void theDispatcherIsFoundAndTheLoopOfAStoppedServerIsNotStartedAgain() {
        server.start();
        assertEquals("HTTP-Dispatcher", internals.dispatcherOf(server).orElseThrow().getName());
        server.stop(0);
        StringBuilder whyNot = new StringBuilder();
        assertTrue(internals.restartDispatcherOf(server, whyNot::append).isEmpty());
        // Only once every field the restart needs was found does it get as far as seeing the server stopping.
        assertEquals("the server is stopping", whyNot.toString());
    }

    private void answerWithNoDelay(HttpExchange exchange) throws IOException {
        byte[] body = String.valueOf(internals.channelOf(exchange).getOption(StandardSocketOptions.TCP_NODELAY))
                .getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private String get(String path) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
