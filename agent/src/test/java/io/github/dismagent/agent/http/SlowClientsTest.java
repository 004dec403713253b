package io.github.dismagent.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.agent.security.EndpointSecurity;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients that never finish their request head hold no thread that a scrape needs: with more of them
 * connected than the agent answers requests at once, a scrape is still answered, long before the
 * exchange limit would cut them (docs/reliability.md, "Slow clients", has the timed run).
 */
class SlowClientsTest {
    @Test
    void aScrapeIsAnsweredWhileTwentyClientsHoldUnfinishedHeads() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try (EndpointFixture server = EndpointFixture.start(EndpointSecurity.none(), Duration.ofMinutes(5), () -> null)) {
            for (int i = 0; i < 20; i++) {
                Socket socket = new Socket("127.0.0.1", server.port);
                OutputStream out = socket.getOutputStream();
                out.write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                stalled.add(socket);
            }
            Thread.sleep(500); // let the server hand every stalled connection to a thread

            HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/metrics"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, scrape.statusCode());
            assertTrue(scrape.body().contains("test_requests_total 7.0"), scrape.body());
            assertTrue(stalled.stream().noneMatch(Socket::isClosed), "the stalled clients were not simply cut off");
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }
}
