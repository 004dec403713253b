package io.github.dismagent.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.agent.security.EndpointSecurity;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpEndpointTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private EndpointFixture server;
    private HttpEndpoint endpoint;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = EndpointFixture.plain();
        endpoint = server.endpoint;
        port = server.port;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, method.equals("GET") && headers.length > 0 && headers[0].equals("X-Body")
                        ? HttpRequest.BodyPublishers.ofString("a body on a GET") : HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theServersDispatcherThreadIsADaemon() {
        boolean found = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("HTTP-Dispatcher")).allMatch(Thread::isDaemon);
        assertTrue(found, "a non-daemon dispatcher would keep the host's JVM alive");
        assertEquals("http://127.0.0.1:" + port + "/metrics", endpoint.describe());
    }

    @Test
    void compressesWithGzipWhenAskedAndOnlyThen() throws Exception {
        HttpResponse<byte[]> plain = send("GET", "/metrics");
        HttpResponse<byte[]> zipped = send("GET", "/metrics", "Accept-Encoding", "deflate, gzip;q=0.9");
        HttpResponse<byte[]> refused = send("GET", "/metrics", "Accept-Encoding", "gzip;q=0");

        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElseThrow());
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertEquals(new String(plain.body(), StandardCharsets.UTF_8), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertTrue(new String(plain.body(), StandardCharsets.UTF_8).contains("test_requests_total 7.0"));
        assertTrue(refused.headers().firstValue("Content-Encoding").isEmpty());
    }

    @Test
    void headAnswersTheHeadersOfGetWithoutABody() throws Exception {
        HttpResponse<byte[]> get = send("GET", "/metrics");
        HttpResponse<byte[]> head = send("HEAD", "/metrics");

        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals(String.valueOf(get.body().length), head.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void answersOnlyGetAndHeadOnKnownPaths() throws Exception {
        assertEquals(200, send("GET", "/metrics", "X-Body", "1").statusCode(), "a body on a GET is ignored");
        assertEquals(405, send("PUT", "/metrics").statusCode());
        assertEquals(405, send("OPTIONS", "/").statusCode());
        assertEquals(404, send("GET", "/metrics/").statusCode());
        assertEquals(404, send("GET", "/admin").statusCode());
        assertEquals(200, send("GET", "/-/healthy?x=1").statusCode());
        assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8",
                send("GET", "/metrics", "Accept", "application/openmetrics-text").headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void aClientAskingForProtobufFirstGetsTheTextFormatItListsNext() throws Exception {
        String prometheus = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,"
                + "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.3";
        HttpResponse<byte[]> response = send("GET", "/metrics", "Accept", prometheus);

        assertEquals(200, response.statusCode());
        assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", send("GET", "/metrics", "Accept",
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited").headers()
                .firstValue("Content-Type").orElseThrow());
    }

    @Test
    void reachesTheConnectionsOfTheJdkServerToTurnNagleOffAndToLimitExchanges() {
        assertTrue(endpoint.setsNoDelay(), "the test JVM opens sun.net.httpserver (surefire argLine); the agent opens it with Instrumentation");
        assertTrue(endpoint.guardsStalledClients());
    }

    @Test
    void aDisabledEndpointSaysSo() {
        HttpEndpoint disabled = new HttpEndpoint("127.0.0.1", -1, exchange -> { }, EndpointSecurity.none(), null);
        CompletableFuture.runAsync(disabled::start).join();

        assertEquals("disabled (port=-1)", disabled.describe());
        assertTrue(disabled.address().isEmpty());
    }

    @Test
    void gzipNegotiationReadsQualities() {
        assertTrue(MetricsPage.acceptsGzip("gzip"));
        assertTrue(MetricsPage.acceptsGzip("br, GZIP;q=0.5"));
        assertEquals(false, MetricsPage.acceptsGzip("gzip; q=0"));
        assertEquals(false, MetricsPage.acceptsGzip("deflate"));
        assertEquals(false, MetricsPage.acceptsGzip(null));
    }

    @Test
    void withManyConnectionsOpenClientsAreAskedToCloseTheirs() throws Exception {
        java.util.List<java.net.Socket> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < KeepAliveLimit.KEPT_ALIVE + 2; i++) {
                java.net.Socket socket = new java.net.Socket("127.0.0.1", port);
                open.add(socket);
            }
            // Connections count once the server has accepted them.
            io.github.dismagent.testing.Eventually.await("the connections are accepted", () -> {
                try {
                    return send("GET", "/-/healthy").headers().firstValue("Connection").orElse("").equals("close");
                } catch (Exception e) {
                    return false;
                }
            });
        } finally {
            for (java.net.Socket socket : open) {
                socket.close();
            }
        }
        io.github.dismagent.testing.Eventually.await("kept alive again once they are gone", () -> {
            try {
                return send("GET", "/-/healthy").headers().firstValue("Connection").orElse("keep-alive").equals("keep-alive");
            } catch (Exception e) {
                return false;
            }
        });
    }
}
