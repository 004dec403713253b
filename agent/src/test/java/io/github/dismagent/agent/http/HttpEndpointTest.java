package io.github.dismagent.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.config.ExporterProperties;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
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
    private HttpEndpoint endpoint;
    private NoDelayConnections noDelay;
    private int port;

    @BeforeEach
    void start() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("test.requests").register(registry).increment(7);
        ExpositionFormats formats = ExpositionFormats.init(ExporterProperties.builder().build());
        StatusPage status = new StatusPage(() -> null, "test-host", "io.github.dismagent");
        noDelay = NoDelayConnections.forThisJvm(null);
        endpoint = new HttpEndpoint("127.0.0.1", 0, new AgentRoutes(new MetricsPage(registry, formats, new ScrapeCache()), status, noDelay));
        // As the agent does: started from a daemon thread, so that the server's dispatcher is one too.
        Thread starter = new Thread(endpoint::start);
        starter.setDaemon(true);
        starter.start();
        starter.join();
        port = endpoint.address().orElseThrow().getPort();
    }

    @AfterEach
    void stop() {
        endpoint.close();
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
    void reachesTheConnectionsOfTheJdkServerToTurnNagleOff() {
        assertTrue(noDelay.active(), "the test JVM opens sun.net.httpserver (surefire argLine); the agent opens it with Instrumentation");
    }

    @Test
    void aDisabledEndpointSaysSo() {
        HttpEndpoint disabled = new HttpEndpoint("127.0.0.1", -1, exchange -> { });
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
}
