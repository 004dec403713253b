package io.github.dismagent.agent.http;

import io.github.dismagent.LogText;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's paths (docs/reference.md, "HTTP endpoints"): {@code /metrics}, {@code /-/healthy}, {@code /}. Only GET
 * and HEAD (anything else: 405), other paths 404. No request changes anything.
 */
public final class AgentRoutes implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(AgentRoutes.class);
    /** A GET has no business with a body; more than this is not read. */
    private static final int MAX_DRAINED_BODY = 64 * 1024;

    private final MetricsPage metrics;
    private final StatusPage status;
    private final HealthCheck health;

    public AgentRoutes(MetricsPage metrics, StatusPage status, HealthCheck health) {
        this.metrics = metrics;
        this.status = status;
        this.health = health;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            drainBody(exchange);
            String method = exchange.getRequestMethod();
            boolean head = "HEAD".equals(method);
            if (!head && !"GET".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                Responses.text(exchange, 405, "Method not allowed: this endpoint only answers GET and HEAD.\n", false);
                return;
            }
            switch (exchange.getRequestURI().getRawPath()) {
                case "/metrics" -> metrics.serve(exchange, head);
                case "/-/healthy" -> {
                    HealthCheck.Result result = health.check();
                    Responses.text(exchange, result.healthy() ? 200 : 503, result.message() + "\n", head);
                }
                case "/" -> status.serve(exchange, head);
                default -> Responses.text(exchange, 404, "Not found. Paths: /metrics, /-/healthy, /\n", head);
            }
        } catch (IOException e) {
            log.debug("HTTP client went away: {}", LogText.line(e.toString()));
        } catch (RuntimeException | Error e) {
            // An Error too (OutOfMemoryError in a starved host): answered and logged here, the worker thread lives on.
            log.warn("HTTP request {} {} failed: {}", LogText.shown(exchange.getRequestMethod()), LogText.shown(String.valueOf(exchange.getRequestURI())),
                    LogText.line(e.toString()), e);
            try {
                Responses.text(exchange, 500, "Internal error; see the server's log.\n", false);
            } catch (IOException | RuntimeException ignored) {
                // headers already sent or client gone
            }
        } finally {
            exchange.close();
        }
    }

    private static void drainBody(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            byte[] sink = new byte[4096];
            int total = 0;
            int n;
            while (total < MAX_DRAINED_BODY && (n = body.read(sink)) > 0) {
                total += n;
            }
        }
    }

    /** Small helpers for whole responses written in one piece. */
    static final class Responses {
        private Responses() {
        }

        static void text(HttpExchange exchange, int code, String body, boolean head) throws IOException {
            send(exchange, code, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), head);
        }

        /**
         * Sends the whole body with its length. For HEAD the length is set as a header, as the JDK
         * server asks (passing it would log a warning on the host's logger at every HEAD).
         */
        static void send(HttpExchange exchange, int code, String contentType, byte[] body, boolean head) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            if (head) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
                exchange.sendResponseHeaders(code, -1);
                return;
            }
            exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }
}
