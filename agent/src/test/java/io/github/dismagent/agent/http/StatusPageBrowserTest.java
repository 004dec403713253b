package io.github.dismagent.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.agent.security.EndpointSecurity;
import io.github.dismagent.dism.EmulatorFixture;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.MonitorFixture;
import io.github.dismagent.monitor.MonitorSettings;
import io.github.dismagent.monitor.Snapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The status page in Debian's headless Chromium, served by the agent's HTTP endpoint; screenshots in target/status-page. */
class StatusPageBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "status-page");
    private static final String ROWS = "Array.from(document.querySelectorAll('tbody tr td:nth-child(2)')).map(td => td.textContent).join('|')";

    @RegisterExtension
    final EmulatorFixture emulator = new EmulatorFixture();
    @TempDir
    Path profiles;

    private DismMonitor monitor;

    @BeforeEach
    void requireChromium() {
        HeadlessChromium.require();
    }

    private static StateFileText buildServer() {
        StateFileText table = new StateFileText();
        for (int i = 1; i <= 36; i++) {
            table.mount("C:\\Mount\\build-agent-" + i + "\\win11-23h2-enterprise", "D:\\Images\\win11\\23h2\\install.wim", i % 6 + 1,
                    i % 4 == 0 ? "ReadOnly" : "ReadWrite", "Ok");
        }
        return table.mount("C:\\Mount\\build-agent-7\\win11-servicing", "D:\\Images\\win11\\23h2\\install.wim", 3, "ReadWrite", "Invalid")
                .mount("C:\\Mount\\build-agent-9\\server2022-busy", "D:\\Images\\server2022\\install.wim", 2, "ReadWrite", "Invalid")
                .mount("C:\\Mount\\evil\u202Etxt.exe", "D:\\Images\\upload.wim", 1, "ReadWrite", "Invalid")
                .mount("C:\\Mount\\build-agent-3\\win11-drivers", "D:\\Images\\win11\\boot.wim", 2, "ReadWrite", "NeedsRemount")
                .mount("C:\\Mount\\build-agent-4\\win10-ltsc", "D:\\Images\\win10\\install.wim", 1, "ReadWrite", "NeedsRemount");
    }

    private Snapshot read(StateFileText table) {
        emulator.write(table);
        if (monitor == null) {
            monitor = MonitorFixture.start(emulator, MonitorSettings.defaults().withRefreshInterval(Duration.ofHours(1)), null);
        }
        return MonitorFixture.refreshed(monitor);
    }

    private static PageNotes notes() {
        return new PageNotes(
                image -> switch (image.countedStatus()) {
                    case OK -> "";
                    case NEEDS_REMOUNT -> "Remount it: remount() on its MBean, or DISM /Remount-Image /MountDir:\"" + image.displayPath() + "\"";
                    default -> "Unmount with discard, then clean up: unmountDiscard() on its MBean (allowUnmount=true), or "
                            + "DISM /Unmount-Image /MountDir:\"" + image.displayPath() + "\" /Discard, then DISM /Cleanup-Mountpoints";
                },
                image -> image.displayPath().endsWith("busy") ? "unmount 45%" : "",
                snapshot -> "DISM needs an elevated process: run the server (or its Windows service) under an administrator account. "
                        + "dismagent keeps trying every refresh interval.");
    }

    @Test
    void theFilterTypedInTheFormSurvivesTheSelfRefresh() throws Exception {
        Snapshot before = read(buildServer());
        Snapshot after = read(buildServer().mount("C:\\Mount\\build-agent-2\\win11-new", "D:\\Images\\win11\\x.wim", 1, "ReadWrite", "Invalid")
                .mount("C:\\Mount\\build-agent-2\\server-new", "D:\\Images\\server\\x.wim", 1, "ReadWrite", "Invalid"));
        AtomicReference<Snapshot> current = new AtomicReference<>(before);
        AtomicInteger served = new AtomicInteger();
        StatusPage page = new StatusPage(() -> {
            served.incrementAndGet();
            return current.get();
        }, "build-07", "io.github.dismagent", notes(), Clock.systemUTC(), 2);

        try (EndpointFixture server = EndpointFixture.start(EndpointSecurity.none(), HttpEndpoint.EXCHANGE_LIMIT, page);
             HeadlessChromium.Page browser = HeadlessChromium.open(server.uri("/"), profiles.resolve("refresh"))) {
            browser.awaitTrue("document.readyState === 'complete' && !!document.querySelector('form.filter')", Duration.ofSeconds(60), "the page");
            browser.evaluate("document.querySelector('select[name=status]').value = 'Invalid';"
                    + "document.querySelector('input[name=q]').value = 'WIN11';"
                    + "document.querySelector('form.filter button').click(); 'typed'");
            browser.awaitTrue("location.search === '?status=Invalid&q=WIN11' && document.readyState === 'complete'", Duration.ofSeconds(60),
                    "the filtered page");
            assertEquals("C:\\Mount\\build-agent-7\\win11-servicing", browser.evaluate(ROWS));

            int servedBefore = served.get();
            current.set(after);
            browser.awaitTrue("document.body.innerText.includes('win11-new')", Duration.ofSeconds(60), "the refreshed page");

            assertTrue(served.get() > servedBefore, "served again by the refresh");
            assertEquals("?status=Invalid&q=WIN11", browser.evaluate("location.search"));
            assertEquals("C:\\Mount\\build-agent-7\\win11-servicing|C:\\Mount\\build-agent-2\\win11-new", browser.evaluate(ROWS));
            assertEquals("Invalid WIN11", browser.evaluate("document.querySelector('select[name=status]').value + ' ' "
                    + "+ document.querySelector('input[name=q]').value"));
            HeadlessChromium.screenshot(server.uri("/?status=Invalid&q=WIN11"), SCREENSHOTS.resolve("filtered.png"), profiles.resolve("shot"));
        }
    }

    @Test
    void theFullPageFitsA1280PixelWindowWithItsStyleAllowedByTheCsp() throws Exception {
        Snapshot s = read(buildServer());
        StatusPage page = new StatusPage(() -> s, "build-07", "io.github.dismagent", notes(), Clock.systemUTC(), 30);
        try (EndpointFixture server = EndpointFixture.start(EndpointSecurity.none(), HttpEndpoint.EXCHANGE_LIMIT, page);
             HeadlessChromium.Page browser = HeadlessChromium.open(server.uri("/"), profiles.resolve("fit"))) {
            browser.awaitTrue("document.readyState === 'complete' && !!document.querySelector('table')", Duration.ofSeconds(60), "the page");

            assertEquals("fixed", browser.evaluate("getComputedStyle(document.querySelector('table')).tableLayout"),
                    "the inline style applies: its hash is in the Content-Security-Policy");
            assertEquals("true", browser.evaluate("String(document.documentElement.scrollWidth <= 1280)"),
                    () -> "wider than 1280 px: " + evaluateQuietly(browser, "String(document.documentElement.scrollWidth)"));
            String rows = browser.evaluate(ROWS);
            assertTrue(rows.startsWith("C:\\Mount\\build-agent-7\\win11-servicing|C:\\Mount\\build-agent-9\\server2022-busy|"
                    + "C:\\Mount\\evil\\u202Etxt.exe|C:\\Mount\\build-agent-3\\win11-drivers|C:\\Mount\\build-agent-4\\win10-ltsc|"), rows);
            assertFalse(rows.contains("\u202E"), "the override shown escaped, not acted on");
            assertEquals("25", browser.evaluate("String(document.querySelectorAll('tbody tr').length)"));
            assertEquals("unmount 45%", browser.evaluate("document.querySelectorAll('tbody tr')[1].querySelector('td.op').textContent"));
            assertTrue(browser.evaluate("document.querySelector('tbody time').title").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC"));

            HeadlessChromium.screenshot(server.uri("/"), SCREENSHOTS.resolve("all.png"), profiles.resolve("shot"));
        }
    }

    @Test
    void dismDownShowsTheBannerWithItsAdvice() throws Exception {
        read(buildServer());
        Snapshot down = read(new StateFileText().fail("DismGetMountedImageInfo", 0x800702E4, "The requested operation requires elevation."));
        StatusPage page = new StatusPage(() -> down, "build-07", "io.github.dismagent", notes(), Clock.systemUTC(), 30);
        try (EndpointFixture server = EndpointFixture.start(EndpointSecurity.none(), HttpEndpoint.EXCHANGE_LIMIT, page);
             HeadlessChromium.Page browser = HeadlessChromium.open(server.uri("/?status=action"), profiles.resolve("down"))) {
            browser.awaitTrue("document.readyState === 'complete' && !!document.querySelector('.banner')", Duration.ofSeconds(60), "the banner");
            String banner = browser.evaluate("document.querySelector('.banner').innerText");
            assertTrue(banner.startsWith("DISM is unavailable. DismGetMountedImageInfo failed: 0x800702E4 ERROR_ELEVATION_REQUIRED"), banner);
            assertTrue(banner.contains("run the server (or its Windows service) under an administrator account") && banner.contains("read"), banner);
            assertEquals("5", browser.evaluate("String(document.querySelectorAll('tbody tr').length)"), "the last good read, still shown");
            HeadlessChromium.screenshot(server.uri("/?status=action"), SCREENSHOTS.resolve("dism-down.png"), profiles.resolve("shot"));
        }
    }

    private static String evaluateQuietly(HeadlessChromium.Page browser, String expression) {
        try {
            return browser.evaluate(expression);
        } catch (Exception e) {
            return e.toString();
        }
    }
}
