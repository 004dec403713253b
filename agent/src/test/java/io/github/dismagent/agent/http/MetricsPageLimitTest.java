package io.github.dismagent.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.config.ExporterProperties;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class MetricsPageLimitTest {
    @Test
    void aScrapeLargerThanTheLimitIsRefusedWith503AndASmallerOneServed() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("test.requests").register(registry).increment();
        ExpositionFormats formats = ExpositionFormats.init(ExporterProperties.builder().build());
        MetricsPage small = new MetricsPage(registry, formats, new ScrapeCache(), 2_000);
        MetricsPage large = new MetricsPage(registry, formats, new ScrapeCache(), 1_000_000);
        for (int i = 0; i < 100; i++) {
            Counter.builder("test.padding").tag("n", "value-" + i).register(registry).increment();
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/small", exchange -> {
            small.serve(exchange, false);
            exchange.close();
        });
        server.createContext("/large", exchange -> {
            large.serve(exchange, false);
            exchange.close();
        });
        server.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(base + "/small")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, refused.statusCode());
            assertTrue(refused.body().contains("larger than 2000 bytes"), refused.body());
            HttpResponse<String> served = client.send(HttpRequest.newBuilder(URI.create(base + "/large")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, served.statusCode());
            assertTrue(served.body().length() > 2_000 && served.body().contains("test_padding_total{n=\"value-99\"}"), served.body());
        } finally {
            server.stop(0);
        }
    }
}
