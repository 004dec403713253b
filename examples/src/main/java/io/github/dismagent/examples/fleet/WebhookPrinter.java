package io.github.dismagent.examples.fleet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * Stands for the receiving end of Alertmanager's webhooks (a chat bridge, a ticket system) in
 * {@code examples/fleet/fleet.sh}: prints every notification it receives, with the path that names
 * the receiver, as Alertmanager sent it (JSON, one notification a line).
 * Usage: WebhookPrinter &lt;port&gt;
 */
public final class WebhookPrinter {
    private WebhookPrinter() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/", WebhookPrinter::print);
        server.start();
        System.out.println("Webhook receiver printing notifications from http://127.0.0.1:" + port + "/");
    }

    private static void print(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " notification to "
                + exchange.getRequestURI().getPath() + ": " + body.strip());
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }
}
