package io.github.dismagent.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dismagent.testing.Eventually;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 1: an OutOfMemoryError thrown inside the JDK server's own dispatcher loop ends its
 * {@code HTTP-Dispatcher} thread, and the heap stays full for a few seconds after. The endpoint answers
 * again on the same port. The Error comes from the host's HeapFullLoggerFinder (hosts/dispatcher-oom),
 * thrown where the JDK's loop logs, as an allocation there throws on a full heap; on JDK 25 the agent's
 * earlier recovery (stop the dead server, bind a new one) left the port taken for good in this run.
 */
class DispatcherDeathIT {
    private static final int FULL_SECONDS = 4;

    @TempDir
    Path work;

    /** The status of GET /metrics on a new connection, or -1 when there is no answer within 5 s. */
    private static int status(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return line == null || !line.startsWith("HTTP/1.1 ") ? -1 : Integer.parseInt(line.substring(9, 12));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Test
    void theEndpointAnswersAgainOnTheSamePortAfterAnOutOfMemoryErrorEndedItsDispatcher() throws Exception {
        Path host = HostPrograms.compile("dispatcher-oom", work, List.of());
        Path services = host.resolve("META-INF/services/java.lang.System$LoggerFinder");
        Files.createDirectories(services.getParent());
        Files.writeString(services, "HeapFullLoggerFinder\n");
        Path trigger = work.resolve("fill-heap-now");
        try (AgentHost agent = AgentHost.in(work).agentOptions("port=0,interval=1s").classPath(host)
                .main("DispatcherOomHost", trigger.toString(), Integer.toString(FULL_SECONDS)).start()) {
            int port = agent.port();
            Eventually.await("/metrics answers", () -> status(port) == 200);

            Files.createFile(trigger);
            agent.awaitOutput("HOST ARMED");
            // The exchange that ends the dispatcher (its answer is sent before the loop logs "Write Finished").
            Eventually.await("the dispatcher ended", () -> {
                status(port);
                return agent.output().contains("HOST DISPATCHER ENDED");
            });
            Eventually.await("the host frees its heap", () -> {
                status(port); // exchanges while the heap is full: a restarted dispatcher may end again
                return agent.output().contains("HOST HEAP FREED");
            }, Duration.ofSeconds(60));

            try {
                Eventually.await("/metrics answers again on port " + port, () -> status(port) == 200, Duration.ofSeconds(60));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the host's output:\n" + agent.output(), e);
            }
            for (int i = 0; i < 20; i++) {
                assertEquals(200, status(port), "answer " + i + " after the recovery; the host's output:\n" + agent.output());
            }
        }
    }
}
