package io.github.dismagent.agent.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of malformed and hostile HTTP/1.x requests: odd methods, request lines and
 * versions, header floods and oversized headers, broken framing, bodies on GET, control characters.
 * The same seed gives the same requests, so that a failure can be replayed.
 */
final class HostileHttpRequests {
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PATCH",
            "get", "G\u00c9T", "BREW", "GET GET", "", "\u0000", "GE\tT", "X".repeat(5000));
    private static final List<String> PATHS = List.of("/metrics", "/", "/-/healthy", "/metrics?x=<script>alert(1)</script>", "/%00",
            "/../../../../etc/passwd", "/%2e%2e/%2e%2e/windows/win.ini", "*", "http://evil.example/metrics", "//metrics", "/metrics#frag",
            "/metrics/../metrics", "/%ZZ", "/\u00e9\u00e8", "/a b", "/" + "a".repeat(70_000), "", "/metrics\r\nX-Injected: 1",
            "/?" + "q=1&".repeat(5000));
    private static final List<String> VERSIONS = List.of("HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "http/1.1", "HTTP/1.1 extra",
            "", "FOO", "HTTP/", "HTTP/1.1\u0000");
    private static final List<String> ODD_HEADERS = List.of("Host", "Accept", "Accept-Encoding", "Content-Length", "Transfer-Encoding",
            "Expect", "Connection", "Authorization", "X-Forwarded-For", "Cookie", "", " Leading-Space", "Bad Name", "Na\u0000me",
            "Content-Type");
    private static final List<String> ODD_VALUES = List.of("", "gzip", "gzip;q=0", "*/*", "application/openmetrics-text; version=1.0.0",
            "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited", "-1", "0", "99999999999999999999",
            "5, 7", "chunked", "chunked, gzip", "100-continue", "close", "keep-alive", "Basic !!!notbase64", "Basic " + "A".repeat(10_000),
            "\u0000", "\u00ff\u00fe", "value\r\n continued", "<script>alert(1)</script>", "v".repeat(100_000));

    private final Random random;

    HostileHttpRequests(long seed) {
        this.random = new Random(seed);
    }

    /** One request, never empty (a connection that sends nothing holds no worker and is the JDK's to time out). */
    byte[] next() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(20) == 0) {
            byte[] noise = new byte[1 + random.nextInt(2000)];
            random.nextBytes(noise);
            out.writeBytes(noise);
            return out.toByteArray();
        }
        String method = pick(METHODS);
        StringBuilder head = new StringBuilder();
        head.append(method).append(random.nextInt(10) == 0 ? "  " : " ").append(pick(PATHS)).append(' ').append(pick(VERSIONS));
        head.append(random.nextInt(8) == 0 ? "\n" : "\r\n");
        int headers = random.nextInt(10) == 0 ? 150 + random.nextInt(300) : random.nextInt(6);
        for (int i = 0; i < headers; i++) {
            String name = random.nextInt(3) == 0 ? pick(ODD_HEADERS) : "X-H" + random.nextInt(1000);
            head.append(name).append(random.nextInt(10) == 0 ? "" : ": ").append(pick(ODD_VALUES)).append("\r\n");
        }
        boolean endHeaders = random.nextInt(6) != 0; // sometimes the head never ends: the client stalls
        if (endHeaders) {
            head.append("\r\n");
        }
        out.writeBytes(head.toString().getBytes(random.nextBoolean() ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
        if (endHeaders && random.nextInt(4) == 0) {
            byte[] body = new byte[random.nextInt(100_000)];
            random.nextBytes(body);
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
