package io.github.dismagent.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @TempDir
    Path docs;

    private static Results results() {
        Results r = new Results();
        r.machine = "2 cores (test)";
        r.jmxExporterVersion = "1.0.1";
        r.startupMillis.put(Results.NONE, 35.0);
        r.startupMillis.put(Results.EMPTY_AGENT, 65.0);
        r.startupMillis.put(Results.JMX_HTTP_FLOOR, 75.0);
        r.startupMillis.put(Results.JMX_EXPORTER, 335.0);
        r.startupMillis.put(Results.DISMAGENT, 85.0);
        r.idleMiB.put(Results.NONE, 36.0);
        r.idleMiB.put(Results.EMPTY_AGENT, 40.0);
        r.idleMiB.put(Results.JMX_HTTP_FLOOR, 50.0);
        r.idleMiB.put(Results.JMX_EXPORTER, 60.0);
        r.idleMiB.put(Results.DISMAGENT, 66.0);
        r.loadedMiB.put(Results.JMX_EXPORTER, 280.0);
        r.loadedMiB.put(Results.DISMAGENT, 250.0);
        for (String name : List.of(Results.JMX_EXPORTER, Results.DISMAGENT)) {
            double factor = name.equals(Results.DISMAGENT) ? 100 : 1;
            for (int images : new int[] {10, 1000}) {
                r.scrapes.put(name + "/" + images + "/1", new Results.Scrape(50 * factor, 20 / factor, 40 / factor, ""));
                r.scrapes.put(name + "/" + images + "/16", new Results.Scrape(100 * factor, 100 / factor, 300 / factor, ""));
            }
        }
        r.scrapesCounted = 1000;
        return r;
    }

    @Test
    void tableShowsRatiosAndVerdicts() {
        String md = new Report(results()).markdown();
        assertTrue(md.contains("| start-up: time added |  | 300 ms | 50 ms | 0.167× | ≤ 0.1× and < 60 ms | **missed** |"), md);
        assertTrue(md.contains("| resident memory added, idle |  | 24.0 MiB | 30.0 MiB | 1.25× | ≤ 0.5× | **missed** |"), md);
        assertTrue(md.contains("100× req/s | ≥ 10× req/s | met |"), md);
        assertTrue(md.contains("| empty agent | 30 ms | 0.100× | 4.0 MiB | 0.17× |"), md);
        assertTrue(md.contains("0 in 1,000 scrapes |  | 0 | met |"), md);
    }

    @Test
    void updatingTheDocsReplacesOnlyWhatIsBetweenTheMarkers() throws Exception {
        Path page = docs.resolve("performance.md");
        Files.writeString(page, "intro\n" + Report.START + "\nold table\n" + Report.END + "\nanalysis\n");
        Report report = new Report(results());
        report.updateDocs(docs);
        report.updateDocs(docs);
        String text = Files.readString(page);
        assertTrue(text.startsWith("intro\n" + Report.START + "\n\nMeasured on "), text);
        assertTrue(text.endsWith(Report.END + "\nanalysis\n"), text);
        assertEquals(1, text.split("\\| measure \\|", -1).length - 1, "one table after two updates");
        assertTrue(!text.contains("old table"));
        assertTrue(Files.readString(docs.resolve("performance-chart.svg")).startsWith("<svg"));
    }

    @Test
    void aPageWithoutMarkersIsRefused() throws Exception {
        Files.writeString(docs.resolve("performance.md"), "no markers\n");
        assertThrows(IllegalStateException.class, () -> new Report(results()).updateDocs(docs));
    }

    @Test
    void mediansOfOddAndEvenCounts() {
        assertEquals(2.0, Stats.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 2.0, 3.0)));
    }
}
