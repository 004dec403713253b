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

/** An Error on the JDK server's dispatcher thread (issue 14, item 1) ends that thread; the endpoint binds again. */
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
    void anEndpointWhoseDispatcherDiedAnswersAgainOnTheSamePort() throws Exception {
        endpoint = EndpointFixture.plain();
        int port = endpoint.port;
        assertEquals(200, statusOf("/metrics"));
        // The JDK 17 server catches a Throwable from its executor, so no code of the agent's can throw on the dispatcher;
        // an OutOfMemoryError in its selector loop ends it. Ended here the way that leaves it: the thread gone, the
        // endpoint not told.
        endpoint.endpoint.serverForTest().stop(0);
        assertEquals(-1, statusOf("/metrics"));
        Eventually.await("answers again", () -> statusOf("/metrics") == 200, Duration.ofSeconds(30));
        assertEquals(port, endpoint.endpoint.address().orElseThrow().getPort());
        assertTrue(endpoint.endpoint.describe().endsWith(":" + port + "/metrics"), endpoint.endpoint.describe());
    }
}
