package io.github.dismagent.agent.http;

import com.sun.net.httpserver.HttpExchange;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * {@code /metrics}: the registry in the format the {@code Accept} header asks for (Prometheus text,
 * OpenMetrics, or Prometheus protobuf), chosen by the Prometheus client's own negotiation and
 * written through the registry's {@code scrape(contentType)}; gzip when the client accepts it.
 */
public final class MetricsPage {
    private final PrometheusMeterRegistry registry;
    private final ExpositionFormats formats;

    public MetricsPage(PrometheusMeterRegistry registry, ExpositionFormats formats) {
        this.registry = registry;
        this.formats = formats;
    }

    void serve(HttpExchange exchange, boolean head) throws IOException {
        ExpositionFormatWriter writer = formats.findWriter(exchange.getRequestHeaders().getFirst("Accept"));
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        registry.scrape(body, writer.getContentType());
        byte[] bytes = body.toByteArray();
        exchange.getResponseHeaders().set("Vary", "Accept, Accept-Encoding");
        if (acceptsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"))) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream(bytes.length / 4 + 64);
            try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write(bytes);
            }
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            bytes = zipped.toByteArray();
        }
        AgentRoutes.Responses.send(exchange, 200, writer.getContentType(), bytes, head);
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] coding = part.strip().split(";");
            if (coding[0].strip().equals("gzip")) {
                return coding.length < 2 || !coding[1].replace(" ", "").equals("q=0");
            }
        }
        return false;
    }
}
