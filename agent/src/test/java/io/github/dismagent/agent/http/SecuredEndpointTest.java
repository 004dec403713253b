package io.github.dismagent.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.agent.security.BasicAuthentication;
import io.github.dismagent.agent.security.EndpointSecurity;
import io.github.dismagent.agent.security.PasswordHash;
import io.github.dismagent.agent.security.TestCertificates;
import io.github.dismagent.agent.security.TlsContext;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Basic authentication and TLS on the real endpoint, with the JDK's HTTP client. */
class SecuredEndpointTest {
    private static final String USER = "prometheus";
    private static final String PASSWORD = "s3cret pässword";

    @TempDir
    static Path keys;
    private static TestCertificates certificates;
    private static PasswordHash hash;
    private EndpointFixture server;

    @BeforeAll
    static void makeKeys() {
        certificates = TestCertificates.create(keys);
        hash = PasswordHash.of(PASSWORD.toCharArray(), PasswordHash.MINIMUM_ITERATIONS, new SecureRandom());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(TlsContext tls, boolean authentication) throws InterruptedException {
        EndpointSecurity security = new EndpointSecurity(tls, authentication ? new BasicAuthentication(USER, hash) : null, List.of());
        server = EndpointFixture.start(security, HttpEndpoint.EXCHANGE_LIMIT, () -> null);
    }

    private static TlsContext tls(boolean clientCertificates) {
        char[] password = TestCertificates.PASSWORD.toCharArray();
        return TlsContext.load(certificates.serverKeystore, password, clientCertificates ? certificates.clientCertificate : null,
                clientCertificates ? password : null);
    }

    private HttpResponse<String> get(HttpClient client, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void basicAuthenticationLetsInTheUserWithItsPasswordAndNobodyElse() throws Exception {
        start(null, true);
        HttpClient client = HttpClient.newHttpClient();
        for (String path : List.of("/metrics", "/", "/-/healthy")) {
            HttpResponse<String> anonymous = get(client, path, null);
            assertEquals(401, anonymous.statusCode(), path);
            assertEquals("Basic realm=\"dismagent\", charset=\"UTF-8\"", anonymous.headers().firstValue("WWW-Authenticate").orElseThrow());
        }
        for (String wrong : List.of(basic(USER, "s3cret"), basic("root", PASSWORD), basic(USER, PASSWORD + " "), "Basic !!!", "Basic ",
                "Bearer " + PASSWORD, basic(USER + ":" + PASSWORD, ""), "basic", "Basic " + "QUFB".repeat(3000))) {
            assertEquals(401, get(client, "/metrics", wrong).statusCode(), wrong);
        }
        HttpResponse<String> scrape = get(client, "/metrics", basic(USER, PASSWORD));
        assertEquals(200, scrape.statusCode());
        assertTrue(scrape.body().contains("test_requests_total 7.0"));
        assertEquals(200, get(client, "/metrics", basic(USER, PASSWORD)).statusCode(), "again, from what was verified");
        assertEquals(401, get(client, "/metrics", basic(USER, "s3cret")).statusCode(), "a wrong one still fails after a right one");
    }

    @Test
    void anAddressThatKeepsGuessingIsToldToWaitWhileTheVerifiedScraperGetsIn() throws Exception {
        start(null, true);
        HttpClient client = HttpClient.newHttpClient();
        assertEquals(200, get(client, "/metrics", basic(USER, PASSWORD)).statusCode(), "Prometheus, verified once");
        HttpResponse<String> last = null;
        for (int guess = 0; guess < 30 && (last == null || last.statusCode() == 401); guess++) {
            last = get(client, "/metrics", basic(USER, "guess " + guess));
        }
        assertEquals(429, last.statusCode(), "after repeated wrong passwords from one address");
        long retryAfter = Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After: " + retryAfter);
        assertEquals(429, get(client, "/metrics", basic("root", "not yet verified")).statusCode());
        assertEquals(200, get(client, "/metrics", basic(USER, PASSWORD)).statusCode(), "the verified credential still gets in");
    }

    @Test
    void scrapesOverTlsWithTheServersCertificate() throws Exception {
        start(tls(false), false);
        assertEquals("https://127.0.0.1:" + server.port + "/metrics", server.endpoint.describe());
        HttpResponse<String> scrape = get(client(certificates.clientContext(null)), "/metrics", null);
        assertEquals(200, scrape.statusCode());
        assertTrue(scrape.body().contains("test_requests_total 7.0"));
    }

    @Test
    void plainHttpToTheTlsPortGetsNoAnswer() throws Exception {
        start(tls(false), false);
        RawHttp.Answer answer = RawHttp.exchange(server.port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                Duration.ofSeconds(10));
        assertTrue(answer.status() == -1 || answer.status() == -3, "refused, not served: " + answer.statusLine());
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build();
        assertThrows(IOException.class, () -> plain.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void withATruststoreOnlyClientsWithATrustedCertificateGetIn() throws Exception {
        start(tls(true), false);
        assertEquals(200, get(client(certificates.clientContext(certificates.clientKeystore)), "/metrics", null).statusCode());
        assertThrows(IOException.class, () -> get(client(certificates.clientContext(null)), "/metrics", null), "no certificate");
        assertThrows(IOException.class, () -> get(client(certificates.clientContext(certificates.strangerKeystore)), "/metrics", null),
                "a certificate the server does not trust");
    }

    @Test
    void tlsAndAuthenticationTogether() throws Exception {
        start(tls(false), true);
        HttpClient client = client(certificates.clientContext(null));
        assertEquals(401, get(client, "/metrics", null).statusCode());
        assertEquals(200, get(client, "/metrics", basic(USER, PASSWORD)).statusCode());
    }
}
