package io.github.dismagent.agent.http;

import com.sun.net.httpserver.HttpExchange;
import io.github.dismagent.monitor.DismMonitor;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.github.dismagent.metrics.DismMetrics;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /metrics}: the registry in the format the {@code Accept} header asks for (Prometheus text
 * or OpenMetrics), chosen by the Prometheus client's own negotiation and written through the
 * registry's {@code scrape(contentType)}, kept by the {@link ScrapeCache} until something changes;
 * gzip when the client accepts it. A scrape is serialized into a buffer of at most
 * {@value #MAX_BODY_BYTES} bytes; a larger one is refused with 503 and a log line.
 */
public final class MetricsPage {
    /**
     * The largest scrape served, in bytes (before gzip); a larger one is refused with 503. With the
     * caps on series and label values, dismagent's own series stay far below it (about 2 MB for
     * 1,000 images with the longest labels).
     */
    public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(MetricsPage.class);

    private final PrometheusMeterRegistry registry;
    private final ExpositionFormats formats;
    private final ScrapeCache cache;
    private final int maxBody;
    private volatile boolean reportedTooLarge;

    /**
     * @param cache keyed on what the registry's content depends on, so that a change is never served late
     */
    MetricsPage(PrometheusMeterRegistry registry, ExpositionFormats formats, ScrapeCache cache) {
        this(registry, formats, cache, MAX_BODY_BYTES);
    }

    MetricsPage(PrometheusMeterRegistry registry, ExpositionFormats formats, ScrapeCache cache, int maxBody) {
        this.registry = registry;
        this.formats = formats;
        this.cache = cache;
        this.maxBody = maxBody;
    }

    /** The page for this monitor's registry; its cache follows the monitor's snapshot and events. */
    public static MetricsPage of(PrometheusMeterRegistry registry, ExpositionFormats formats, DismMonitor monitor) {
        return new MetricsPage(registry, formats, new ScrapeCache(monitor));
    }

    void serve(HttpExchange exchange, boolean head) throws IOException {
        String contentType = negotiate(exchange.getRequestHeaders().getFirst("Accept")).getContentType();
        ScrapeCache.Body body;
        try {
            body = cache.get(contentType, () -> serialize(contentType));
        } catch (BoundedBody.TooLarge e) {
            refuseTooLarge(exchange, head);
            return;
        }
        reportedTooLarge = false;
        byte[] bytes = body.plain();
        exchange.getResponseHeaders().set("Vary", "Accept, Accept-Encoding");
        if (acceptsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"))) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            bytes = body.gzipped();
        }
        AgentRoutes.Responses.send(exchange, 200, contentType, bytes, head);
    }

    private void refuseTooLarge(HttpExchange exchange, boolean head) throws IOException {
        if (!reportedTooLarge) {
            reportedTooLarge = true;
            log.warn("A /metrics scrape would be larger than {} bytes; refused with 503 until it fits again. dism_image_status has "
                    + "at most {} images and labels of at most {} characters, so something else in the registry has grown",
                    maxBody, DismMetrics.MAX_IMAGES_WITH_SERIES, DismMetrics.LONGEST_LABEL_VALUE);
        }
        exchange.getResponseHeaders().set("Retry-After", "60");
        AgentRoutes.Responses.text(exchange, 503, "The scrape is larger than " + maxBody + " bytes, the agent's limit for one "
                + "response; it is refused rather than risk the host's memory. See the agent's log.\n", head);
    }

    private byte[] serialize(String contentType) {
        BoundedBody out = new BoundedBody(maxBody);
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
