package io.github.dismagent.agent.http;

import com.sun.net.httpserver.HttpExchange;
import io.github.dismagent.monitor.DismMonitor;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;

/**
 * {@code /metrics}: the registry in the format the {@code Accept} header asks for (Prometheus text
 * or OpenMetrics), chosen by the Prometheus client's own negotiation and written through the
 * registry's {@code scrape(contentType)}, kept by the {@link ScrapeCache} until something changes;
 * gzip when the client accepts it.
 */
public final class MetricsPage {
    private final PrometheusMeterRegistry registry;
    private final ExpositionFormats formats;
    private final ScrapeCache cache;

    /**
     * @param cache keyed on what the registry's content depends on, so that a change is never served late
     */
    MetricsPage(PrometheusMeterRegistry registry, ExpositionFormats formats, ScrapeCache cache) {
        this.registry = registry;
        this.formats = formats;
        this.cache = cache;
    }

    /** The page for this monitor's registry; its cache follows the monitor's snapshot and events. */
    public static MetricsPage of(PrometheusMeterRegistry registry, ExpositionFormats formats, DismMonitor monitor) {
        return new MetricsPage(registry, formats, new ScrapeCache(monitor));
    }

    void serve(HttpExchange exchange, boolean head) throws IOException {
        String contentType = negotiate(exchange.getRequestHeaders().getFirst("Accept")).getContentType();
        ScrapeCache.Body body = cache.get(contentType, () -> serialize(contentType));
        byte[] bytes = body.plain();
        exchange.getResponseHeaders().set("Vary", "Accept, Accept-Encoding");
        if (acceptsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"))) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            bytes = body.gzipped();
        }
        AgentRoutes.Responses.send(exchange, 200, contentType, bytes, head);
    }

    private byte[] serialize(String contentType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            registry.scrape(out, contentType);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The client's own choice, except a format this agent does not ship (protobuf): the client's
     * negotiation offers it whether or not its writer is there, and the clients that ask for it
     * (Prometheus) list the text formats after it.
     */
    ExpositionFormatWriter negotiate(String accept) {
        ExpositionFormatWriter writer = formats.findWriter(accept);
        if (writer.isAvailable()) {
            return writer;
        }
        ExpositionFormatWriter openMetrics = formats.getOpenMetricsTextFormatWriter();
        return openMetrics.accepts(accept) ? openMetrics : formats.getPrometheusTextFormatWriter();
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
