package io.github.dismagent.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.testing.Eventually;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint's fallback when a dead dispatcher's loop cannot be started again: here the server was
 * stopped behind its back, so its loop ends for good (the JDK marks it as stopping), and the endpoint
 * binds a new server on the same port. The death an Error causes, and the restart of the loop that
 * answers it, are DispatcherDeathIT's: an Error can only be thrown inside the JDK's loop from a
 * second JVM.
 */
class DispatcherRecoveryTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private EndpointFixture endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private int statusOf(String path) {
        try {
            return client.send(HttpRequest.newBuilder(endpoint.uri(path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void anEndpointWhoseServerWasStoppedBehindItsBackAnswersAgainOnTheSamePort() throws Exception {
        endpoint = EndpointFixture.plain();
        int port = endpoint.port;
        assertEquals(200, statusOf("/metrics"));
        Thread dispatcher = endpoint.endpoint.dispatcherForTest();
        endpoint.endpoint.serverForTest().stop(0);
        assertTrue(!dispatcher.isAlive(), "stop waits for the dispatcher to end");
        assertEquals(-1, statusOf("/metrics"));
        Eventually.await("answers again", () -> statusOf("/metrics") == 200, Duration.ofSeconds(30));
        assertEquals(port, endpoint.endpoint.address().orElseThrow().getPort());
        assertTrue(endpoint.endpoint.describe().endsWith(":" + port + "/metrics"), endpoint.endpoint.describe());
    }
}
