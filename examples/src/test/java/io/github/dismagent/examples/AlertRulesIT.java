package io.github.dismagent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.testing.Requirements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules, with Prometheus' own promtool: they load, their unit tests pass, and each unit
 * test fails when its rule is broken (every expression replaced in turn by one that never fires).
 */
class AlertRulesIT {
    static final Path RULES = Demo.REPOSITORY.resolve("examples/prometheus/dismagent-alerts.yml");
    static final Path TESTS = Demo.REPOSITORY.resolve("examples/prometheus/dismagent-alerts.test.yml");

    @TempDir
    Path work;

    @BeforeAll
    static void promtool() {
        Requirements.require(Files.isExecutable(Path.of("/usr/bin/promtool")), "promtool (Debian package prometheus)");
    }

    @Test
    void theRulesLoad() throws Exception {
        Result check = promtool("check", "rules", RULES.toString());
        assertEquals(0, check.status(), check.output());
        assertTrue(check.output().contains("SUCCESS: 6 rules found"), check.output());
    }

    @Test
    void everyRuleHasTheContractsNameAndLinksToItsSectionOfTheRunbook() throws Exception {
        String rules = Files.readString(RULES, StandardCharsets.UTF_8);
        String runbook = Files.readString(Demo.REPOSITORY.resolve("docs/runbook.md"), StandardCharsets.UTF_8);
        List<String> names = new ArrayList<>();
        rules.lines().map(String::strip).filter(l -> l.startsWith("- alert: ")).forEach(l -> names.add(l.substring("- alert: ".length())));
        assertEquals(List.of("DismImageNeedsRemount", "DismImageInvalid", "DismRemountFailing", "DismMonitorDown", "DismAgentAbsent",
                "DismTooManyMounts"), names, "contract section 7");
        for (String name : names) {
            String url = "https://github.com/dismagent/dismagent/blob/main/docs/runbook.md#" + name.toLowerCase(java.util.Locale.ROOT);
            assertTrue(rules.contains("runbook_url: \"" + url + "\""), name + " links to " + url);
            assertTrue(runbook.contains("\n## " + name + "\n"), "docs/runbook.md has a section " + name);
        }
    }

    @Test
    void theShippedPrometheusConfigurationLoadsWithItsRulesAndTargetsFiles() throws Exception {
        Result check = promtool("check", "config", RULES.resolveSibling("prometheus.yml").toString());
        assertEquals(0, check.status(), check.output());
        assertTrue(check.output().contains("SUCCESS: 6 rules found"), check.output());
    }

    @Test
    void theShippedAlertmanagerConfigurationLoads() throws Exception {
        Path amtool = Path.of("/usr/bin/amtool");
        Requirements.require(Files.isExecutable(amtool), "amtool (Debian package prometheus-alertmanager)");
        Process process = new ProcessBuilder(amtool.toString(), "check-config", RULES.resolveSibling("alertmanager.yml").toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "amtool ended");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("2 receivers") && output.contains("2 inhibit rules"), output);
    }

    @Test
    void theirUnitTestsPass() throws Exception {
        Result test = promtool("test", "rules", TESTS.toString());
        assertEquals(0, test.status(), test.output());
    }

    @Test
    void everyRuleIsCoveredByATestThatFailsWhenTheRuleBreaks() throws Exception {
        List<String> lines = Files.readAllLines(RULES, StandardCharsets.UTF_8);
        List<Integer> expressions = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith("expr:")) {
                expressions.add(i);
            }
        }
        assertEquals(6, expressions.size());
        Files.copy(TESTS, work.resolve(TESTS.getFileName()));
        for (int line : expressions) {
            List<String> broken = new ArrayList<>(lines);
            String indent = lines.get(line).substring(0, lines.get(line).indexOf("expr:"));
            broken.set(line, indent + "expr: vector(1) > 2");
            Files.write(work.resolve(RULES.getFileName()), broken, StandardCharsets.UTF_8);

            Result test = promtool("test", "rules", work.resolve(TESTS.getFileName()).toString());

            assertNotEquals(0, test.status(), "the tests did not notice a broken rule: " + lines.get(line).strip());
        }
    }

    @Test
    void theRestartTestsFailWhenTheImageRulesForgetTheLastKnownStatus() throws Exception {
        List<String> forgetful = Files.readAllLines(RULES, StandardCharsets.UTF_8).stream()
                .map(line -> line.replaceAll(" or \\(last_over_time\\(.*$", ""))
                .toList();
        assertNotEquals(Files.readAllLines(RULES, StandardCharsets.UTF_8), forgetful, "the rules hold the last known status");

        Result test = testWith(forgetful);

        assertNotEquals(0, test.status(), test.output());
        assertTrue(test.output().contains("alertname: DismImageInvalid, time: 12m"), test.output());
        assertTrue(test.output().contains("alertname: DismImageNeedsRemount, time: 16m"), test.output());
    }

    @Test
    void theAbsenceTestFailsWithTheFormerFiveMinutes() throws Exception {
        List<String> lines = Files.readAllLines(RULES, StandardCharsets.UTF_8);
        int absent = lines.indexOf("      - alert: DismAgentAbsent");
        List<String> slow = new ArrayList<>(lines);
        int wait = absent + 2;
        assertEquals("        for: 2m", lines.get(wait));
        slow.set(wait, "        for: 5m");

        Result test = testWith(slow);

        assertNotEquals(0, test.status(), test.output());
        assertTrue(test.output().contains("alertname: DismAgentAbsent, time: 4m"), test.output());
    }

    /** The unit tests, run against these rules instead of the shipped ones. */
    private Result testWith(List<String> rules) throws IOException, InterruptedException {
        Files.copy(TESTS, work.resolve(TESTS.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.write(work.resolve(RULES.getFileName()), rules, StandardCharsets.UTF_8);
        return promtool("test", "rules", work.resolve(TESTS.getFileName()).toString());
    }

    record Result(int status, String output) {
    }

    private Result promtool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/promtool"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "promtool ended");
        return new Result(process.exitValue(), output);
    }
}
