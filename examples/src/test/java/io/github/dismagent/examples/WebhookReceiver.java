package io.github.dismagent.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The receiving end of Alertmanager's webhook_configs, as a user's chat bridge or ticket system
 * has one: records every alert of every notification with the path (the receiver) and the time it
 * arrived.
 */
final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One alert of one notification: Alertmanager's JSON for it, where and when it arrived. */
    record Received(String path, long nanoTime, JsonNode alert) {
        String label(String name) {
            return alert.at("/labels/" + name).asText();
        }

        String status() {
            return alert.get("status").asText();
        }

        /** When the alert started firing, as Prometheus tells Alertmanager. */
        Instant startsAt() {
            return Instant.parse(alert.get("startsAt").asText());
        }

        @Override
        public String toString() {
            return path + " " + status() + " " + alert.get("labels");
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::receive);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void receive(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try (exchange) {
            JsonNode notification = JSON.readTree(exchange.getRequestBody());
            for (JsonNode alert : notification.get("alerts")) {
                received.add(new Received(exchange.getRequestURI().getPath(), arrived, alert));
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    /** The first alert received that matches, if any. */
    Optional<Received> first(Predicate<Received> matching) {
        return received.stream().filter(matching).findFirst();
    }

    List<Received> all() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
