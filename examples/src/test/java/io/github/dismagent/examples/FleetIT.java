package io.github.dismagent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dismagent.testing.Eventually;
import io.github.dismagent.testing.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet end to end, as examples/fleet/fleet.sh runs it: three servers (JVMs with the built agent,
 * each on its own loopback address with its own DISM mount table), Debian's prometheus and
 * prometheus-alertmanager with the shipped configuration and rules (fast intervals), and a webhook
 * receiver here. A server whose image becomes Invalid is named in a notification with that image;
 * a server whose agent stops is named by DismAgentAbsent; every dashboard query shows each server.
 */
class FleetIT {
    private static final int SERVERS = 3;
    private static final String WIN11 = "C:\\Mount\\win11";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @BeforeAll
    static void prometheusAndAlertmanager() {
        Requirements.require(Files.isExecutable(Path.of("/usr/bin/prometheus")), "prometheus (Debian package prometheus)");
        Requirements.require(Files.isExecutable(Path.of("/usr/bin/prometheus-alertmanager")) || Files.isExecutable(Path.of("/usr/bin/alertmanager")),
                "alertmanager (Debian package prometheus-alertmanager)");
    }

    @Test
    void notificationsNameTheServerAndTheImageAndEveryDashboardQueryShowsEachServer() throws Exception {
        try (WebhookReceiver webhook = new WebhookReceiver();
             Fleet fleet = new Fleet(work, SERVERS, "fast", webhook.url()).awaitStarted()) {
            String api = fleet.prometheus();
            try {
                Eventually.await("every server scraped, with DISM read", () -> instancesWith(api, "dism_up == 1").equals(Set.copyOf(fleet.instances())),
                        Duration.ofSeconds(90));
                Eventually.await("30 s of scrapes of every server (the dashboard samples NeedsRemount every 15 s)",
                        () -> GrafanaDashboardIT.query(api, "count_over_time(up{job=\"dismagent\"}[1m]) >= 30").size() == SERVERS,
                        Duration.ofSeconds(60));
                everyDashboardQueryShowsEachServer(api, fleet.instances());

                Instant changedAt = Instant.now();
                long changed = System.nanoTime();
                fleet.run("invalid", 2);
                WebhookReceiver.Received invalid = await(webhook, "DismImageInvalid for server 2's " + WIN11,
                        alert("DismImageInvalid", fleet.instance(2), changedAt).and(r -> r.label("mount_path").equals(WIN11)));
                System.out.printf("FleetIT: state file changed -> DismImageInvalid at the webhook: %.1f s (fast intervals)%n",
                        (invalid.nanoTime() - changed) / 1e9);
                assertEquals("/imaging-team", invalid.path(), "routed by instance: server 2 is a headquarters server");
                assertEquals("D:\\images\\server2-win11.wim", invalid.label("image_path"));
                assertEquals(Set.of(fleet.instance(2)), firingInstances(webhook, "DismImageInvalid", Instant.EPOCH), "only server 2 has an invalid image");

                Instant stoppedAt = Instant.now();
                long stopped = System.nanoTime();
                fleet.run("stop", 3);
                WebhookReceiver.Received absent = await(webhook, "DismAgentAbsent for server 3", alert("DismAgentAbsent", fleet.instance(3), stoppedAt));
                System.out.printf("FleetIT: agent stopped -> DismAgentAbsent at the webhook: %.1f s (fast intervals)%n",
                        (absent.nanoTime() - stopped) / 1e9);
                assertEquals("/branch-office", absent.path(), "routed by instance: server 3 plays the branch office");
                assertEquals(Set.of(fleet.instance(3)), firingInstances(webhook, "DismAgentAbsent", stoppedAt), "only server 3's agent stopped");

                theServersTableShowsTheStoppedAgentAsDown(api, fleet);
                itsImageAlertsDoNotResolveWhileItsAgentIsAway(webhook, fleet.instance(3), stopped);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\nreceived: " + webhook.all() + "\nfleet.sh:\n" + fleet.output()
                        + "\nprometheus.log:\n" + tail(fleet.log("prometheus.log")) + "\nalertmanager.log:\n" + tail(fleet.log("alertmanager.log")), e);
            }
        }
    }

    /** Per-server panels give one row (or more) for each server, fleet totals one row for all. */
    private static void everyDashboardQueryShowsEachServer(String api, List<String> instances) throws Exception {
        JsonNode dashboard = JSON.readTree(GrafanaDashboardIT.DASHBOARD.toFile());
        for (JsonNode panel : dashboard.get("panels")) {
            String title = panel.get("title").asText();
            for (JsonNode target : panel.get("targets")) {
                String expr = GrafanaDashboardIT.grafanaVariables(target.get("expr").asText());
                JsonNode result = GrafanaDashboardIT.query(api, expr);
                GrafanaDashboardIT.assertPerServerOrFleetTotal(title, expr, result);
                if (!title.startsWith("Fleet: ")) {
                    assertEquals(Set.copyOf(instances), GrafanaDashboardIT.labels(result, "instance"), "a row per server in '" + title + "': " + expr);
                }
            }
        }
    }

    /** A dead agent has no dism_up: the table shows it through Prometheus' own up, and keeps its last known images. */
    private static void theServersTableShowsTheStoppedAgentAsDown(String api, Fleet fleet) throws Exception {
        for (JsonNode target : panel("Servers").get("targets")) {
            String expr = GrafanaDashboardIT.grafanaVariables(target.get("expr").asText());
            JsonNode result = GrafanaDashboardIT.query(api, expr);
            String refId = target.get("refId").asText();
            if (refId.equals("B")) {
                assertEquals(Set.of(fleet.instance(1), fleet.instance(2)), GrafanaDashboardIT.labels(result, "instance"), "DISM up only where an agent answers");
                continue;
            }
            assertEquals(Set.copyOf(fleet.instances()), GrafanaDashboardIT.labels(result, "instance"), "a row per server, the stopped one included: " + expr);
            if (refId.equals("A")) {
                for (JsonNode row : result) {
                    double expected = row.at("/metric/instance").asText().equals(fleet.instance(3)) ? 0 : 1;
                    assertEquals(expected, Double.parseDouble(row.at("/value/1").asText()), "Agent up/down: " + row);
                }
            }
        }
        String agentsDown = GrafanaDashboardIT.grafanaVariables(panel("Fleet: agents not answering").at("/targets/0/expr").asText());
        assertEquals(1.0, GrafanaDashboardIT.value(GrafanaDashboardIT.query(api, agentsDown)), agentsDown);
        String needsRemount = GrafanaDashboardIT.grafanaVariables(panel("Fleet: images needing a remount").at("/targets/0/expr").asText());
        assertEquals(SERVERS, GrafanaDashboardIT.value(GrafanaDashboardIT.query(api, needsRemount)), 0.0,
                "the stopped server's NeedsRemount image still counts in the fleet total: " + needsRemount);
    }

    /**
     * The shipped rules hold an image's last known status while its agent is away (30 min; 30 s in fast
     * mode): without that, the series going stale resolved the alert within seconds (issue 10, item 5).
     */
    private static void itsImageAlertsDoNotResolveWhileItsAgentIsAway(WebhookReceiver webhook, String instance, long stopped)
            throws InterruptedException {
        Predicate<WebhookReceiver.Received> needsRemount = r -> r.label("alertname").equals("DismImageNeedsRemount") && r.label("instance").equals(instance);
        assertTrue(webhook.first(needsRemount.and(r -> r.status().equals("firing"))).isPresent(), "firing before the stop: " + webhook.all());
        long quiet = stopped + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < quiet) {
            Thread.sleep(200);
        }
        assertTrue(webhook.first(needsRemount.and(r -> r.status().equals("resolved"))).isEmpty(),
                "resolved within 20 s of the agent's stop: " + webhook.all());
    }

    private static JsonNode panel(String title) throws Exception {
        for (JsonNode panel : JSON.readTree(GrafanaDashboardIT.DASHBOARD.toFile()).get("panels")) {
            if (panel.get("title").asText().equals(title)) {
                return panel;
            }
        }
        throw new AssertionError("the dashboard has no panel '" + title + "'");
    }

    /** A firing alert of that name for that server that started firing after that moment. */
    private static Predicate<WebhookReceiver.Received> alert(String name, String instance, Instant after) {
        return r -> r.status().equals("firing") && r.label("alertname").equals(name) && r.label("instance").equals(instance)
                && !r.startsAt().isBefore(after);
    }

    private static WebhookReceiver.Received await(WebhookReceiver webhook, String what, Predicate<WebhookReceiver.Received> matching) {
        Eventually.await(what + " at the webhook", () -> webhook.first(matching).isPresent(), Duration.ofSeconds(90));
        return webhook.first(matching).orElseThrow();
    }

    private static Set<String> firingInstances(WebhookReceiver webhook, String alertname, Instant after) {
        Set<String> instances = new HashSet<>();
        webhook.all().stream().filter(r -> r.status().equals("firing") && r.label("alertname").equals(alertname) && !r.startsAt().isBefore(after))
                .forEach(r -> instances.add(r.label("instance")));
        return instances;
    }

    private static Set<String> instancesWith(String api, String expr) {
        return GrafanaDashboardIT.labels(GrafanaDashboardIT.query(api, expr), "instance");
    }

    private static String tail(String log) {
        return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    }
}
