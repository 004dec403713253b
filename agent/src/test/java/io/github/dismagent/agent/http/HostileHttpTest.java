package io.github.dismagent.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.dismagent.agent.security.EndpointSecurity;
import io.github.dismagent.dism.EmulatorFixture;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.MonitorFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Raw, malformed and hostile HTTP against the agent's endpoint: every request gets a 4xx (or the
 * answer it deserves) or a closed connection, within a bounded time, the endpoint keeps serving,
 * and no request makes a DISM call.
 */
class HostileHttpTest {
    /** Short, so that stalled requests are cut quickly here; the agent's is {@link HttpEndpoint#EXCHANGE_LIMIT}. */
    private static final Duration LIMIT = Duration.ofMillis(500);
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** What a request may get: success for what is valid, a client error, or the server's refusal of what it cannot parse. */
    private static final Set<Integer> ACCEPTABLE = Set.of(200, 400, 401, 404, 405, 411, 413, 414, 431, 501, 505);
    private static final int CASES = Integer.getInteger("dismagent.test.hostileHttpCases", 150);

    @RegisterExtension
    final EmulatorFixture emulator = new EmulatorFixture();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private EndpointFixture server;
    private long dismCallsBefore;

    @BeforeEach
    void start() throws Exception {
        emulator.write(new StateFileText()
                .mount("C:\\Mount\\<script>alert(1)</script>", "D:\\images\\a&b.wim", 1, "ReadWrite", "NeedsRemount")
                .mount("C:\\Mount\\ok", "D:\\images\\ok.wim", 2, "ReadOnly", "Ok"));
        DismMonitor monitor = MonitorFixture.start(emulator, MonitorFixture.fast().withRefreshInterval(Duration.ofHours(1)), null);
        MonitorFixture.refreshed(monitor);
        server = EndpointFixture.start(EndpointSecurity.none(), LIMIT, monitor::snapshot);
        dismCallsBefore = emulator.trace.calls().size();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void randomHostileRequestsGetAClientErrorOrAClosedConnectionAndNothingHangs() throws Exception {
        long seed = Long.getLong("dismagent.test.seed", System.nanoTime());
        HostileHttpRequests requests = new HostileHttpRequests(seed);
        java.util.Map<String, Integer> answers = new java.util.TreeMap<>();
        for (int i = 0; i < CASES; i++) {
            byte[] request = requests.next();
            RawHttp.Answer answer = RawHttp.exchange(server.port, request, PATIENCE);
            String replay = " (case " + i + " of seed " + seed + ", replay with -Ddismagent.test.seed=" + seed + "; request starts "
                    + printable(request) + ")";
            if (!answer.closedWithoutResponse() && !ACCEPTABLE.contains(answer.status())) {
                fail("unexpected answer '" + answer.statusLine() + "'" + replay);
            }
            assertTrue(answer.took().compareTo(Duration.ofSeconds(5)) < 0, "took " + answer.took().toMillis() + " ms" + replay);
            answers.merge(answer.closedWithoutResponse() ? "closed" : Integer.toString(answer.status()), 1, Integer::sum);
            if (i % 10 == 9) {
                assertServesScrapes(replay);
            }
        }
        assertServesScrapes("after all cases of seed " + seed);
        System.out.println(CASES + " hostile requests (seed " + seed + "): " + answers);
        assertEquals(dismCallsBefore, emulator.trace.calls().size(), () -> "no HTTP request calls DISM: " + emulator.trace.calls());
    }

    @Test
    void stalledClientsAreCutOffAndScrapesGoOn() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            // Twice as many as there are workers, each sending its head a byte at a time, never finishing.
            for (int i = 0; i < 8; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", server.port), 5000);
                socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                stalled.add(socket);
            }
            Thread dribbler = new Thread(() -> dribble(stalled), "dribbler");
            dribbler.setDaemon(true);
            dribbler.start();

            assertServesScrapes("while 8 clients stall");
            for (Socket socket : stalled) {
                socket.setSoTimeout(5000);
                assertEquals(-1, readToEnd(socket.getInputStream()), "the stalled connection was closed by the server");
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void aBodyThatNeverFinishesIsCutOff() throws Exception {
        byte[] head = "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\nonly the start".getBytes(StandardCharsets.US_ASCII);
        RawHttp.Answer answer = RawHttp.exchange(server.port, head, PATIENCE);
        assertTrue(answer.status() == 405 || answer.closedWithoutResponse(), answer.statusLine());
        assertTrue(answer.took().compareTo(Duration.ofSeconds(5)) < 0, answer.took().toString());
        assertServesScrapes("after a stalled body");
    }

    @Test
    void anOversizedHeaderIsRefusedAndTheEndpointGoesOn() throws Exception {
        byte[] huge = ("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: " + "v".repeat(1_000_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        RawHttp.Answer answer = RawHttp.exchange(server.port, huge, PATIENCE);
        assertTrue(answer.closedWithoutResponse() || ACCEPTABLE.contains(answer.status()), answer.statusLine());
        assertServesScrapes("after a 1 MB header");
    }

    @Test
    void aThousandHeadersAreRefusedOrIgnored() throws Exception {
        StringBuilder request = new StringBuilder("GET /metrics HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 1000; i++) {
            request.append("X-H").append(i).append(": ").append(i).append("\r\n");
        }
        RawHttp.Answer answer = RawHttp.exchange(server.port, request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII), PATIENCE);
        assertTrue(answer.closedWithoutResponse() || ACCEPTABLE.contains(answer.status()), answer.statusLine());
        assertServesScrapes("after 1,000 headers");
    }

    @Test
    void aBodyOnAGetIsReadAndIgnored() throws Exception {
        byte[] request = "GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello there".getBytes(StandardCharsets.US_ASCII);
        assertEquals(200, RawHttp.exchange(server.port, request, PATIENCE).status());
    }

    @Test
    void unknownMethodsAnd405() throws Exception {
        for (String method : List.of("PUT", "DELETE", "OPTIONS", "TRACE", "PATCH", "BREW")) {
            byte[] request = (method + " /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            assertEquals(405, RawHttp.exchange(server.port, request, PATIENCE).status(), method);
        }
    }

    @Test
    void malformedRequestLinesAreRefused() throws Exception {
        for (String line : List.of("GET", "GET /metrics", "/metrics HTTP/1.1", " ", "GET\t/metrics\tHTTP/1.1")) {
            RawHttp.Answer answer = RawHttp.exchange(server.port, (line + "\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII), PATIENCE);
            assertTrue(answer.closedWithoutResponse() || ACCEPTABLE.contains(answer.status()), line + ": " + answer.statusLine());
            assertFalse(answer.status() == -2, line + " hung");
        }
        assertServesScrapes("after malformed request lines");
    }

    @Test
    void theStatusPageKeepsAHostilePathAsText() throws Exception {
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(server.uri("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertFalse(page.body().contains("<script>"), page.body());
        assertTrue(page.body().contains("C:\\Mount\\&lt;script&gt;alert(1)&lt;/script&gt;"), page.body());
    }

    private void assertServesScrapes(String when) throws Exception {
        HttpResponse<String> scrape = client.send(HttpRequest.newBuilder(server.uri("/metrics")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scrape.statusCode(), when);
        assertTrue(scrape.body().contains("test_requests_total 7.0"), when);
    }

    private static void dribble(List<Socket> sockets) {
        for (int i = 0; i < 200; i++) {
            for (Socket socket : sockets) {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write('a');
                    out.flush();
                } catch (IOException closed) {
                    // cut off by the server, as it should be
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static int readToEnd(InputStream in) {
        try {
            while (in.read() != -1) {
                // discard whatever the server said before closing
            }
            return -1;
        } catch (java.net.SocketTimeoutException e) {
            return 0;
        } catch (IOException e) {
            return -1; // reset: closed too
        }
    }

    private static String printable(byte[] request) {
        String text = new String(request, 0, Math.min(request.length, 120), StandardCharsets.ISO_8859_1);
        return "'" + text.replace("\r", "\\r").replace("\n", "\\n").replaceAll("[^\\x20-\\x7e\\\\]", "?") + "' (" + request.length + " bytes)";
    }
}
