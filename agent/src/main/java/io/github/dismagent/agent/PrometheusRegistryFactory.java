package io.github.dismagent.agent;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.config.ExporterProperties;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.util.Properties;

/**
 * The agent's Prometheus registry, configured explicitly so that the host's Prometheus client
 * settings ({@code prometheus.properties} on its class path, {@code io.prometheus.*} system
 * properties, {@code IO_PROMETHEUS_*} variables, {@code prometheus.config}) cannot change what
 * dismagent exports. The client merges those at construction and lets explicit properties win;
 * every setting that shapes the output is set here, and the class path it searches is the
 * agent's own.
 */
final class PrometheusRegistryFactory {
    private static final Properties EXPLICIT = new Properties();

    static {
        EXPLICIT.setProperty("io.prometheus.exporter.includeCreatedTimestamps", "false");
        EXPLICIT.setProperty("io.prometheus.exporter.prometheusTimestampsInMs", "false");
        EXPLICIT.setProperty("io.prometheus.exporter.exemplarsOnAllMetricTypes", "false");
    }

    private static final PrometheusConfig CONFIG = new PrometheusConfig() {
        @Override
        public String get(String key) {
            return null; // defaults for everything else: nothing is read from the environment
        }

        @Override
        public Properties prometheusProperties() {
            return EXPLICIT;
        }
    };

    private PrometheusRegistryFactory() {
    }

    /** @throws io.prometheus.metrics.config.PrometheusPropertiesException when the host's settings are unreadable to this client */
    static PrometheusMeterRegistry create() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // The client looks for prometheus.properties through the context class loader: make it ours.
        thread.setContextClassLoader(PrometheusRegistryFactory.class.getClassLoader());
        try {
            return new PrometheusMeterRegistry(CONFIG);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The content negotiation of /metrics, with the same explicit settings. */
    static ExpositionFormats formats() {
        return ExpositionFormats.init(ExporterProperties.builder()
                .includeCreatedTimestamps(false).prometheusTimestampsInMs(false).exemplarsOnAllMetricTypes(false).build());
    }
}
