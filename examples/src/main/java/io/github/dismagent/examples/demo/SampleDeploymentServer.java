package io.github.dismagent.examples.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * Stands for the user's deployment server (a Tomcat or Jenkins that builds Windows images): a small
 * HTTP service that knows nothing of dismagent. The agent is added on its command line.
 * Usage: SampleDeploymentServer <port>
 */
public final class SampleDeploymentServer {
    private SampleDeploymentServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/", SampleDeploymentServer::page);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        System.out.println("Sample deployment server listening on http://127.0.0.1:" + server.getAddress().getPort() + "/");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(1);
            System.out.println("Sample deployment server stopped.");
            stopped.countDown();
        }));
        stopped.await();
    }

    private static void page(HttpExchange exchange) throws IOException {
        byte[] body = ("<!DOCTYPE html><html><head><title>Image build server</title></head><body><h1>Image build server</h1>"
                + "<p>Pretend this server builds and services Windows images. It is " + Instant.now() + ".</p>"
                + "<p>dismagent, attached to this JVM, shows the mounted images on its own port.</p></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
