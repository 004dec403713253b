package io.github.dismagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.testing.Eventually;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A start interrupted by an Error (issue 14, item 1: an OutOfMemoryError during the agent's start left it half-started
 * for good, with no MBeans and /-/healthy 200): /-/healthy says 503 while it waits, and the start resumes.
 */
class StartResumesAfterErrorTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void noMoreFaults() {
        AgentRuntime.startFault = null;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anErrorAtTheMBeansStepIsUnhealthyUntilTheStartResumed() throws Exception {
        String domain = "test.startresumes";
        AtomicBoolean memoryBack = new AtomicBoolean();
        AtomicInteger thrown = new AtomicInteger();
        AgentRuntime.startFault = step -> {
            if (step.equals("MBeans") && !memoryBack.get()) {
                thrown.incrementAndGet();
                throw new OutOfMemoryError("injected at " + step);
            }
        };
        Thread starter = new Thread(() -> AgentRuntime.start("port=0,interval=200ms,callTimeout=2s,jmxDomain=" + domain, null, "test"));
        starter.setDaemon(true);
        starter.start();

        Eventually.await("the start interrupted", () -> thrown.get() >= 1);
        String state = System.getProperty(AgentStatus.STATE);
        assertTrue(state.startsWith("starting: interrupted by java.lang.OutOfMemoryError: injected at MBeans at step 'MBeans'"), state);
        String metrics = endpointUrl();
        String healthy = metrics.replace("/metrics", "/-/healthy");
        HttpResponse<String> wedged = get(healthy);
        assertEquals(503, wedged.statusCode(), wedged.body());
        assertTrue(wedged.body().contains("start was interrupted"), wedged.body());

        memoryBack.set(true);
        ObjectName images = new ObjectName(domain + ":type=DismImages");
        Eventually.await("the MBeans registered", () -> ManagementFactory.getPlatformMBeanServer().isRegistered(images),
                Duration.ofSeconds(60));
        Eventually.await("healthy", () -> {
            try {
                return get(healthy).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(200, get(metrics).statusCode());
    }

    /** The endpoint's URL: the status property says it once the HTTP step ran. */
    private static String endpointUrl() {
        String[] found = new String[1];
        Eventually.await("the endpoint's URL", () -> {
            Matcher m = Pattern.compile("http://[^ ;]+:\\d+/metrics").matcher(System.getProperty(AgentStatus.STATE, ""));
            if (m.find()) {
                found[0] = m.group();
                return true;
            }
            return false;
        });
        return found[0];
    }
}
