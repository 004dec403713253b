package io.github.dismagent.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.agent.security.EndpointSecurity;
import io.github.dismagent.agent.security.TestCertificates;
import io.github.dismagent.agent.security.TlsContext;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that never finish their request head, or their TLS ClientHello, hold no thread that a
 * scrape needs: with more of them connected than the agent answers requests at once, a scrape is
 * still answered, long before the exchange limit would cut them (docs/reliability.md, "Slow
 * clients", has the timed runs).
 */
class SlowClientsTest {
    private static final int STALLED_CLIENTS = 20;
    /** A TLS record header announcing a 512-byte handshake record, then a ClientHello's type, length and version: never completed. */
    private static final byte[] PARTIAL_CLIENT_HELLO = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};

    @TempDir
    Path keys;

    @Test
    void aScrapeIsAnsweredWhileTwentyClientsHoldUnfinishedHeads() throws Exception {
        try (EndpointFixture server = EndpointFixture.start(EndpointSecurity.none(), Duration.ofMinutes(5), () -> null)) {
            byte[] unfinishedHead = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII);
            assertScrapeAnsweredWhileStalled(server, unfinishedHead, HttpClient.newHttpClient());
        }
    }

    @Test
    void aScrapeOverHttpsIsAnsweredWhileTwentyClientsHoldPartialClientHellos() throws Exception {
        TestCertificates certificates = TestCertificates.create(keys);
        char[] password = TestCertificates.PASSWORD.toCharArray();
        EndpointSecurity tls = new EndpointSecurity(TlsContext.load(certificates.serverKeystore, password, null, null), null, List.of());
        try (EndpointFixture server = EndpointFixture.start(tls, Duration.ofMinutes(5), () -> null)) {
            HttpClient client = HttpClient.newBuilder().sslContext(certificates.clientContext(null)).build();
            assertScrapeAnsweredWhileStalled(server, PARTIAL_CLIENT_HELLO, client);
        }
    }

    private static void assertScrapeAnsweredWhileStalled(EndpointFixture server, byte[] unfinished, HttpClient client) throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED_CLIENTS; i++) {
                Socket socket = new Socket("127.0.0.1", server.port);
                OutputStream out = socket.getOutputStream();
                out.write(unfinished);
                out.flush();
                stalled.add(socket);
            }
            Thread.sleep(500); // let the server hand every stalled connection to a thread

            HttpResponse<String> scrape = client.send(HttpRequest.newBuilder(server.uri("/metrics")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());

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
