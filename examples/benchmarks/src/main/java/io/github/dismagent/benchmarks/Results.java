package io.github.dismagent.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one run of the harness measured (medians). */
final class Results {
    /** One scrape measurement: requests per second and latencies in milliseconds. */
    record Scrape(double requestsPerSecond, double p50Millis, double p99Millis, String errors) {
        @Override
        public String toString() {
            return Stats.fixed(requestsPerSecond, 0) + " req/s, p50 " + Stats.millis(p50Millis) + ", p99 " + Stats.millis(p99Millis)
                    + (errors.isEmpty() ? "" : ", errors: " + errors);
        }
    }

    static final String NONE = "none";
    static final String EMPTY_AGENT = "empty agent";
    static final String JMX_HTTP_FLOOR = "JMX+HTTP floor";
    static final String JMX_EXPORTER = "jmx_exporter";
    static final String DISMAGENT = "dismagent";

    String machine = "";
    String jmxExporterVersion = "";
    final Map<String, Double> startupMillis = new LinkedHashMap<>();
    final Map<String, Double> idleMiB = new LinkedHashMap<>();
    final Map<String, Double> loadedMiB = new LinkedHashMap<>();
    /** Keyed "configuration/images/connections". */
    final Map<String, Scrape> scrapes = new LinkedHashMap<>();
    long scrapesCounted;
    long dismCallsDuringScrapes;
    Refresh refresh;

    double startupAdded(String configuration) {
        return startupMillis.get(configuration) - startupMillis.get(NONE);
    }

    double idleAdded(String configuration) {
        return idleMiB.get(configuration) - idleMiB.get(NONE);
    }

    double loadedAdded(String configuration) {
        return loadedMiB.get(configuration) - idleMiB.get(NONE);
    }

    Scrape scrape(String configuration, int images, int connections) {
        return scrapes.get(configuration + "/" + images + "/" + connections);
    }
}
