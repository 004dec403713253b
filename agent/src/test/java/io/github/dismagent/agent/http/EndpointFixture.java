package io.github.dismagent.agent.http;

import io.github.dismagent.agent.security.EndpointSecurity;
import io.github.dismagent.monitor.Snapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.config.ExporterProperties;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The agent's HTTP endpoint in the test JVM, as the agent starts it (from a daemon thread), over a
 * registry with one counter and the status page of the given snapshots.
 */
final class EndpointFixture implements AutoCloseable {
    final HttpEndpoint endpoint;
    final int port;
    private final String scheme;

    private EndpointFixture(HttpEndpoint endpoint, String scheme) {
        this.endpoint = endpoint;
        this.port = endpoint.address().orElseThrow(() -> new AssertionError("not listening: " + endpoint.describe())).getPort();
        this.scheme = scheme;
    }

    static EndpointFixture start(EndpointSecurity security, Duration exchangeLimit, Supplier<Snapshot> snapshots) throws InterruptedException {
        return start(security, exchangeLimit, new StatusPage(snapshots, "test-host", "io.github.dismagent", PageNotes.none()));
    }

    static EndpointFixture start(EndpointSecurity security, Duration exchangeLimit, StatusPage statusPage) throws InterruptedException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("test.requests").register(registry).increment(7);
        ExpositionFormats formats = ExpositionFormats.init(ExporterProperties.builder().build());
        AgentRoutes routes = new AgentRoutes(new MetricsPage(registry, formats, new ScrapeCache()), statusPage, new HealthCheck());
        HttpEndpoint endpoint = new HttpEndpoint("127.0.0.1", 0, routes, security, null, exchangeLimit);
        // As the agent does: started from a daemon thread, so that the server's dispatcher is one too.
        Thread starter = new Thread(endpoint::start);
        starter.setDaemon(true);
        starter.start();
        starter.join();
        return new EndpointFixture(endpoint, security.tlsContext().isPresent() ? "https" : "http");
    }

    static EndpointFixture plain() throws InterruptedException {
        return start(EndpointSecurity.none(), HttpEndpoint.EXCHANGE_LIMIT, () -> null);
    }

    URI uri(String path) {
        return URI.create(scheme + "://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
