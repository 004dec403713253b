package io.github.dismagent.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The floor of an agent that does what both dismagent and jmx_exporter must do, and nothing else:
 * on a daemon thread, take the platform MBeanServer and serve a constant text over the JDK's
 * HTTP server on loopback. The option is the port. What it adds to memory is what the JDK's JMX
 * and HTTP machinery costs before an agent reads or exports anything.
 */
public final class JmxHttpFloorAgent {
    private JmxHttpFloorAgent() {
    }

    public static void premain(String options, Instrumentation instrumentation) {
        Thread start = new Thread(() -> serve(Integer.parseInt(options)), "floor-agent");
        start.setDaemon(true);
        start.start();
    }

    private static void serve(int port) {
        try {
            int beans = ManagementFactory.getPlatformMBeanServer().getMBeanCount();
            byte[] body = ("floor_mbeans " + beans + "\n").getBytes(StandardCharsets.UTF_8);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext("/metrics", exchange -> {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        } catch (IOException e) {
            System.err.println("floor agent: " + e);
        }
    }
}
