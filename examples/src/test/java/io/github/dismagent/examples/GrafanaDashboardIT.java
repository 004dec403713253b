package io.github.dismagent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dismagent.testing.Eventually;
import io.github.dismagent.testing.Requirements;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Grafana dashboard: import-ready, and every query answered by a real Prometheus scraping the demo. */
class GrafanaDashboardIT {
    static final Path DASHBOARD = Demo.REPOSITORY.resolve("examples/grafana/dismagent-dashboard.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String DS = "${DS_PROMETHEUS}";

    @TempDir
    Path work;

    @Test
    void isImportReadyWithADataSourceInputAndJobAndInstanceVariables() throws Exception {
        JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());

        assertEquals("DS_PROMETHEUS", dashboard.at("/__inputs/0/name").asText());
        assertEquals("datasource", dashboard.at("/__inputs/0/type").asText());
        assertEquals("prometheus", dashboard.at("/__inputs/0/pluginId").asText());
        assertEquals("dismagent", dashboard.get("uid").asText());
        List<String> variables = new ArrayList<>();
        dashboard.at("/templating/list").forEach(v -> variables.add(v.get("name").asText()));
        assertEquals(List.of("DS_PROMETHEUS", "job", "instance"), variables);
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertTrue(ids.add(panel.get("id").asInt()), "panel ids are unique");
            String title = panel.get("title").asText();
            assertTrue(title.startsWith("Fleet: ") || title.endsWith(", per server") || title.endsWith(", per image") || title.equals("Servers"),
                    "the title says whether the panel is a fleet total or per server: " + title);
            assertEquals(DS, panel.at("/datasource/uid").asText(), panel.get("title").asText());
            for (JsonNode target : panel.get("targets")) {
                assertEquals(DS, target.at("/datasource/uid").asText());
                assertTrue(target.get("expr").asText().contains("job=\"$job\", instance=~\"$instance\""), target.get("expr").asText());
            }
        }
    }

    @Test
    void everyPanelQueryReturnsDataOfItsShapeFromARealPrometheusScrapingTheDemo() throws Exception {
        Requirements.require(Files.isExecutable(Path.of("/usr/bin/prometheus")), "prometheus (Debian package prometheus)");
        try (Demo demo = new Demo(work).awaitReady()) {
            int port = Demo.freePort();
            Path config = Files.writeString(work.resolve("prometheus.yml"), String.join("\n",
                    "global:", "  scrape_interval: 1s", "  evaluation_interval: 1s",
                    "rule_files:", "  - " + AlertRulesIT.RULES,
                    "scrape_configs:", "  - job_name: dismagent", "    static_configs:",
                    "      - targets: ['127.0.0.1:" + demo.metricsPort + "']", ""));
            Process prometheus = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + config,
                    "--storage.tsdb.path=" + work.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.out").toFile()).start();
            try {
                String api = "http://127.0.0.1:" + port;
                Eventually.await("20 s of scrapes", () -> value(query(api, "count_over_time(dism_up{job=\"dismagent\"}[1m])")) >= 20);

                Map<String, Consumer<JsonNode>> shapes = expectedShapes(demo);
                JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
                for (JsonNode panel : dashboard.get("panels")) {
                    String title = panel.get("title").asText();
                    assertTrue(shapes.containsKey(title) || shapes.containsKey(title + " A"), "no expected shape for the panel '" + title + "'");
                    for (JsonNode target : panel.get("targets")) {
                        String expr = grafanaVariables(target.get("expr").asText());
                        JsonNode result = query(api, expr);
                        assertTrue(result.size() > 0, "no data for '" + title + "': " + expr);
                        String refId = title + " " + target.get("refId").asText();
                        shapes.get(shapes.containsKey(refId) ? refId : title).accept(result);
                        assertPerServerOrFleetTotal(title, expr, result);
                    }
                }
                assertTrue(labelValues(api, "job", "dismagent_build_info").contains("dismagent"), "the job variable's values");
                assertTrue(labelValues(api, "instance", "dismagent_build_info{job=\"dismagent\"}").contains("127.0.0.1:" + demo.metricsPort),
                        "the instance variable's values");

                JsonNode rules = get(api + "/api/v1/rules").at("/data/groups/0/rules");
                assertEquals(6, rules.size(), "the real Prometheus loaded the six alert rules");
                JsonNode alerts = get(api + "/api/v1/alerts").at("/data/alerts");
                Set<String> pending = new HashSet<>();
                alerts.forEach(a -> pending.add(a.at("/labels/alertname").asText() + " " + a.get("state").asText()));
                assertTrue(pending.contains("DismImageInvalid pending") && pending.contains("DismImageNeedsRemount pending"), pending.toString());
            } finally {
                prometheus.destroy();
                prometheus.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * A panel titled "Fleet: ..." adds up all servers (no row names an instance); every other panel shows
     * each server apart (every row names its instance). FleetIT checks the same with several servers.
     */
    static void assertPerServerOrFleetTotal(String title, String expr, JsonNode result) {
        if (title.startsWith("Fleet: ")) {
            result.forEach(row -> assertTrue(row.at("/metric/instance").isMissingNode(), "a fleet total: " + title + ": " + expr + " " + row));
        } else {
            result.forEach(row -> assertTrue(row.at("/metric/instance").isTextual(), "per server: " + title + ": " + expr + " " + row));
        }
    }

    /** What each panel's query must return for the demo's table: 2 Ok, 1 NeedsRemount, 1 Invalid, one agent. */
    private static Map<String, Consumer<JsonNode>> expectedShapes(Demo demo) {
        Map<String, Consumer<JsonNode>> shapes = new LinkedHashMap<>();
        Map<String, String> instance = Map.of("instance", "127.0.0.1:" + demo.metricsPort);
        shapes.put("Fleet: agents not answering", r -> assertSeries(r, 1, Map.of(), 0.0));
        shapes.put("Fleet: images needing a remount", r -> assertSeries(r, 1, Map.of(), 1.0));
        shapes.put("Fleet: invalid images", r -> assertSeries(r, 1, Map.of(), 1.0));
        shapes.put("Fleet: oldest read", r -> {
            assertSeries(r, 1, Map.of(), null);
            assertTrue(value(r) >= 0 && value(r) < 60, "a fresh read: " + r);
        });
        shapes.put("Servers A", r -> assertSeries(r, 1, instance, 1.0));
        shapes.put("Servers B", r -> assertSeries(r, 1, instance, 1.0));
        shapes.put("Servers C", r -> assertSeries(r, 1, instance, 2.0));
        shapes.put("Servers D", r -> assertSeries(r, 1, instance, 1.0));
        shapes.put("Servers E", r -> assertSeries(r, 1, instance, 1.0));
        shapes.put("Servers F", r -> {
            assertSeries(r, 1, instance, null);
            assertTrue(value(r) >= 0 && value(r) < 60, "a fresh read: " + r);
        });
        shapes.put("Fleet: images by status", r -> {
            assertEquals(Set.of("ok", "needs_remount", "invalid"), labels(r, "status"));
            r.forEach(s -> assertEquals(s.at("/metric/status").asText().equals("ok") ? 2.0 : 1.0, Double.parseDouble(s.at("/value/1").asText())));
        });
        shapes.put("Time in NeedsRemount, per image", r -> {
            assertEquals(Set.of("C:\\Mount\\server2022"), labels(r, "mount_path"));
            assertTrue(value(r) >= 15, "at least one 15 s step: " + r);
        });
        shapes.put("Mounted images, per server", r -> {
            assertEquals(Set.of("C:\\Mount\\win11-enterprise", "C:\\Mount\\winpe-amd64", "C:\\Mount\\server2022", "C:\\Mount\\win10-ltsc"),
                    labels(r, "mount_path"));
            r.forEach(s -> assertTrue(s.get("metric").has("image_path") && s.get("metric").has("status") && s.get("metric").has("mount_mode")));
        });
        shapes.put("Remounts, per server", r -> assertEquals(Set.of("manual success", "manual failure", "auto success", "auto failure"),
                labels(r, "trigger", "result")));
        shapes.put("Remount duration, per server", r -> assertSeries(r, 1, instance, null));
        shapes.put("Refresh errors, per server", r -> assertSeries(r, 1, Map.of("instance", "127.0.0.1:" + demo.metricsPort), 0.0));
        shapes.put("Age of the last read, per server", r -> assertSeries(r, 1, Map.of("instance", "127.0.0.1:" + demo.metricsPort), null));
        shapes.put("Refresh duration, per server", r -> assertSeries(r, 1, Map.of("instance", "127.0.0.1:" + demo.metricsPort), null));
        shapes.put("Agent versions, per server", r -> {
            assertSeries(r, 1, Map.of("version", "0.1.0-SNAPSHOT"), 1.0);
            assertTrue(r.get(0).at("/metric/backend").asText().startsWith("DismAPI emulator at "));
        });
        return shapes;
    }

    /** The values Grafana gives its variables, for the demo's one agent. */
    static String grafanaVariables(String expr) {
        return expr.replace("$job", "dismagent").replace("$instance", ".*").replace("$__rate_interval", "10s").replace("$__range", "5m");
    }

    private static void assertSeries(JsonNode result, int count, Map<String, String> labels, Double expected) {
        assertEquals(count, result.size(), result.toString());
        labels.forEach((k, v) -> assertEquals(v, result.get(0).at("/metric/" + k).asText(), result.toString()));
        if (expected != null) {
            assertEquals(expected, value(result), 0.0001, result.toString());
        }
    }

    static Set<String> labels(JsonNode result, String... names) {
        Set<String> values = new HashSet<>();
        for (JsonNode series : result) {
            List<String> parts = new ArrayList<>();
            for (String name : names) {
                parts.add(series.at("/metric/" + name).asText());
            }
            values.add(String.join(" ", parts));
        }
        return values;
    }

    static double value(JsonNode result) {
        return result.size() == 0 ? -1 : Double.parseDouble(result.get(0).at("/value/1").asText());
    }

    static JsonNode query(String api, String expr) {
        try {
            JsonNode answer = get(api + "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
            assertEquals("success", answer.get("status").asText(), expr + ": " + answer);
            assertEquals("vector", answer.at("/data/resultType").asText(), expr);
            return answer.at("/data/result");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            return JSON.createArrayNode();
        }
    }

    private static Set<String> labelValues(String api, String label, String match) throws Exception {
        JsonNode answer = get(api + "/api/v1/label/" + label + "/values?match[]=" + URLEncoder.encode(match, StandardCharsets.UTF_8));
        Set<String> values = new HashSet<>();
        answer.get("data").forEach(v -> values.add(v.asText()));
        return values;
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
