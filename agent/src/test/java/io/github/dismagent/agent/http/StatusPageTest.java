package io.github.dismagent.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.dism.EmulatorFixture;
import io.github.dismagent.dism.MountStatus;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.MonitorFixture;
import io.github.dismagent.monitor.MonitorSettings;
import io.github.dismagent.monitor.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatusPageTest {
    /** Characters that must never reach the page raw: controls, ESC, line separators, bidi overrides. */
    private static final String HOSTILE = "\u202E\u2066\u200F\u2028\u2029\u0085\u001B[31m\u001B]0;\u0007\u007F\u000B\u000C";

    @RegisterExtension
    final EmulatorFixture emulator = new EmulatorFixture();

    private Snapshot read(StateFileText table) {
        emulator.write(table);
        MonitorSettings settings = MonitorSettings.defaults().withRefreshInterval(Duration.ofHours(1)).withCallTimeout(Duration.ofMinutes(2));
        DismMonitor monitor = MonitorFixture.start(emulator, settings, null);
        return MonitorFixture.refreshed(monitor);
    }

    private static StatusPage page(Snapshot s, PageNotes notes) {
        return new StatusPage(() -> s, "build-07", "io.github.dismagent", notes, Clock.fixed(Instant.now().plusSeconds(185), ZoneOffset.UTC), 30);
    }

    private static PageNotes realLookingNotes() {
        return new PageNotes(
                image -> switch (image.countedStatus()) {
                    case OK -> "";
                    case NEEDS_REMOUNT -> "Remount it: remount() on its MBean, or DISM /Remount-Image /MountDir:\"" + image.displayPath() + "\"";
                    default -> "Unmount with discard, then clean up: DISM /Unmount-Image /MountDir:\"" + image.displayPath()
                            + "\" /Discard, then DISM /Cleanup-Mountpoints";
                },
                image -> image.displayPath().endsWith("busy") ? "unmount 45%" : "",
                snapshot -> "dismagent keeps trying every refresh interval.");
    }

    private static List<String> mountPathCells(String html) {
        List<String> paths = new ArrayList<>();
        Matcher row = Pattern.compile("<tr><td class=\"[A-Za-z]+\">[^<]*</td><td>([^<]*)</td>").matcher(html);
        while (row.find()) {
            paths.add(row.group(1));
        }
        return paths;
    }

    @Test
    void pathsStayTextNeverMarkup() {
        Snapshot s = read(new StateFileText()
                .mount("C:\\Mount\\<script>alert('x')</script>", "D:\\a&b\\\"quoted\".wim", 1, "ReadWrite", "NeedsRemount"));

        String html = new StatusPage(() -> s, "<host>", "io.github.dismagent", PageNotes.none()).render(s);

        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("<td>C:\\Mount\\&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td>"), html);
        assertTrue(html.contains("<td>D:\\a&amp;b\\&quot;quoted&quot;.wim</td>"), html);
        assertTrue(html.contains("on &lt;host&gt;</h1>"), html);
        assertTrue(html.contains("<td class=\"NeedsRemount\">NeedsRemount</td>"), html);
    }

    @Test
    void imagesNeedingActionComeFirstInvalidThenNeedsRemountThenTheRest() {
        Snapshot s = read(new StateFileText()
                .mount("C:\\Mount\\ok1", "D:\\1.wim", 1, "ReadOnly", "Ok")
                .mount("C:\\Mount\\remount1", "D:\\2.wim", 1, "ReadWrite", "NeedsRemount")
                .mount("C:\\Mount\\invalid1", "D:\\3.wim", 1, "ReadWrite", "Invalid")
                .mount("C:\\Mount\\ok2", "D:\\4.wim", 1, "ReadOnly", "Ok")
                .mount("C:\\Mount\\strange", "D:\\5.wim", 1, "ReadWrite", "7")
                .mount("C:\\Mount\\remount2", "D:\\6.wim", 1, "ReadWrite", "NeedsRemount"));

        String html = page(s, realLookingNotes()).render(s);

        assertEquals(List.of("C:\\Mount\\invalid1", "C:\\Mount\\strange", "C:\\Mount\\remount1", "C:\\Mount\\remount2", "C:\\Mount\\ok1",
                "C:\\Mount\\ok2"), mountPathCells(html));
        assertTrue(html.contains("Unmount with discard, then clean up: DISM /Unmount-Image /MountDir:&quot;C:\\Mount\\invalid1&quot; /Discard"), html);
        assertTrue(html.contains("3 min ago"), "status since, relative");
        assertTrue(Pattern.compile("<time datetime=\"[0-9T:-]+Z\" title=\"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\">3 min ago</time>")
                .matcher(html).find(), html);
    }

    @Test
    void countsLinkToTheirRowsAndTheFilterKeepsStatusAndText() {
        Snapshot s = read(new StateFileText()
                .mount("C:\\Mount\\win11-a", "D:\\win11.wim", 1, "ReadWrite", "Invalid")
                .mount("C:\\Mount\\server-b", "D:\\server.wim", 1, "ReadWrite", "Invalid")
                .mount("C:\\Mount\\win11-c", "D:\\win11.wim", 2, "ReadWrite", "NeedsRemount")
                .mount("C:\\Mount\\WIN11-d", "D:\\win11.wim", 3, "ReadOnly", "Ok"));
        StatusPage page = page(s, realLookingNotes());

        String all = page.render(s);
        assertTrue(all.contains("<a href=\"?status=Invalid\" class=\"Invalid\"><b>2</b> Invalid</a>"), all);
        assertTrue(all.contains("<a href=\"?status=NeedsRemount\" class=\"NeedsRemount\"><b>1</b> NeedsRemount</a>"), all);
        assertTrue(all.contains("<a href=\"?status=Ok\" class=\"Ok\"><b>1</b> Ok</a>"), all);
        assertTrue(all.contains("<a href=\"?status=action\" class=\"act\"><b>3</b> need action</a>"), all);

        String invalidWin11 = page.render(s, PageQuery.parse("status=Invalid&q=WIN11"));
        assertEquals(List.of("C:\\Mount\\win11-a"), mountPathCells(invalidWin11));
        assertTrue(invalidWin11.contains("<option value=\"Invalid\" selected>"), invalidWin11);
        assertTrue(invalidWin11.contains("name=\"q\" maxlength=\"200\" value=\"WIN11\""), invalidWin11);
        assertEquals(List.of("C:\\Mount\\win11-a", "C:\\Mount\\win11-c", "C:\\Mount\\WIN11-d"),
                mountPathCells(page.render(s, PageQuery.parse("q=win11"))));

        String unknown = page.render(s, PageQuery.parse("status=broken"));
        assertTrue(unknown.contains("unknown status filter &#39;broken&#39; (accepted: all, action, Invalid, NeedsRemount, Ok)"), unknown);
    }

    @Test
    void beyondAScreenfulTheRowsArePaged() {
        StateFileText big = new StateFileText();
        for (int i = 0; i < 1500; i++) {
            big.mount("C:\\Mount\\" + i, "D:\\" + i + ".wim", 1, "ReadOnly", i == 1400 ? "Invalid" : "Ok");
        }
        Snapshot s = read(big);
        StatusPage page = page(s, PageNotes.none());

        String first = page.render(s);
        List<String> rows = mountPathCells(first);
        assertEquals(StatusPage.PAGE_SIZE, rows.size());
        assertEquals("C:\\Mount\\1400", rows.get(0), "the Invalid one first");
        assertTrue(first.contains("Rows 1–25 of 1500. Page 1 of 60 <a href=\"?status=all&amp;page=2\">next ›</a>"), first);
        assertTrue(first.contains("1500 images are mounted.</strong> Microsoft advises at most 20"), first);

        String last = page.render(s, PageQuery.parse("page=60"));
        assertEquals("C:\\Mount\\1499", mountPathCells(last).get(StatusPage.PAGE_SIZE - 1));
    }

    @Test
    void twentyMountedImagesAreNoWarningTwentyOneAre() {
        StateFileText twenty = new StateFileText();
        for (int i = 0; i < 20; i++) {
            twenty.mount("C:\\Mount\\" + i, "D:\\" + i + ".wim", 1, "ReadOnly", "Ok");
        }
        Snapshot s20 = read(twenty);
        assertFalse(page(s20, PageNotes.none()).render(s20).contains("Microsoft advises"));

        Snapshot s21 = read(twenty.mount("C:\\Mount\\20", "D:\\20.wim", 1, "ReadOnly", "Ok"));
        assertTrue(page(s21, PageNotes.none()).render(s21).contains("21 images are mounted.</strong> Microsoft advises at most 20"));
    }

    @Test
    void dismUnavailableIsABannerWithItsAdviceAndTheAgeOfWhatIsShown() {
        Snapshot ok = read(new StateFileText().mount("C:\\Mount\\a", "D:\\a.wim", 1, "ReadWrite", "Ok"));
        emulator.write(new StateFileText().fail("DismGetMountedImageInfo", 0x800702E4, "elevation required"));
        DismMonitor monitor = MonitorFixture.start(emulator, MonitorSettings.defaults().withRefreshInterval(Duration.ofHours(1)), null);
        Snapshot down = MonitorFixture.refreshed(monitor);
        assertFalse(down.available());

        String html = page(down, realLookingNotes()).render(down);

        assertTrue(html.contains("<div class=\"banner\" role=\"alert\"><strong>DISM is unavailable.</strong> DismGetMountedImageInfo failed: 0x800702E4 ERROR_ELEVATION_REQUIRED: elevation required. dismagent keeps trying every refresh interval. No read has succeeded yet.</div>"), html);
        assertTrue(html.contains("dismagent keeps trying every refresh interval."), html);
        assertFalse(page(ok, realLookingNotes()).render(ok).contains("class=\"banner\""));
    }

    @Test
    void controlBidiAndEscapeCharactersAreShownEscapedNeverRaw() {
        Snapshot s = read(new StateFileText().mount("C:\\Mount\\evil" + HOSTILE + "txt.exe", "D:\\" + HOSTILE + ".wim", 1, "ReadWrite", "Invalid"));
        PageNotes hostileNotes = new PageNotes(image -> "advice" + HOSTILE, image -> "op" + HOSTILE, snapshot -> "");

        String html = page(s, hostileNotes).render(s, PageQuery.parse("q=evil%E2%80%AE%E2%81%A6"));

        for (char c : "\u202E\u2066\u200F\u2028\u2029\u0085\u001B\u0007\u007F\u000B\u000C".toCharArray()) {
            assertEquals(-1, html.indexOf(c), () -> String.format("U+%04X reached the page raw", (int) c));
        }
        String shown = "\\u202E\\u2066\\u200F\\u2028\\u2029\\u0085\\u001B[31m\\u001B]0;\\u0007\\u007F\\u000B\\u000C";
        assertTrue(html.contains("<td>C:\\Mount\\evil" + shown + "txt.exe</td>"), html);
        assertTrue(html.contains("advice" + shown) && html.contains("op" + shown), html);
        assertTrue(html.contains("value=\"evil\\u202E\\u2066\""), "the filter text echoed escaped");
    }

    @Test
    void longPathsAreShortenedWithAHashThatKeepsThemDistinct() {
        String prefix = "C:\\Mount\\" + "a".repeat(16_000);
        String one = prefix + "1" + "b".repeat(16_000);
        String two = prefix + "2" + "b".repeat(16_000);
        Snapshot s = read(new StateFileText().mount(one, "D:\\1.wim", 1, "ReadWrite", "Ok").mount(two, "D:\\2.wim", 1, "ReadWrite", "Ok"));

        List<String> cells = mountPathCells(page(s, PageNotes.none()).render(s));

        assertEquals(2, cells.size());
        assertNotEquals(cells.get(0), cells.get(1));
        for (String cell : cells) {
            assertTrue(cell.length() <= StatusPage.MAX_CELL, cell.length() + ": " + cell);
            assertTrue(cell.startsWith("C:\\Mount\\aaa") && cell.contains("\u2026") && cell.matches(".*b \\[#[0-9a-f]{8}]"), cell);
        }
        assertEquals(32_010, s.images().get(0).mountPath().length(), "the full value stays in the snapshot, hence JMX");
    }

    @Test
    void aThousandImagesWithLongHostilePathsMakeABoundedPage() {
        StringBuilder worst = new StringBuilder(32_000);
        while (worst.length() < 31_990) {
            worst.append("\"\u202E<&");
        }
        StateFileText table = new StateFileText();
        for (int i = 0; i < 1000; i++) {
            String status = i % 3 == 0 ? "Invalid" : i % 3 == 1 ? "NeedsRemount" : "Ok";
            table.mount("C:\\" + i + worst, "D:\\" + i + worst, 1, "ReadWrite", status);
        }
        Snapshot s = read(table);
        assertEquals(1000, s.mountedCount());
        String longNote = worst.toString();
        StatusPage page = new StatusPage(() -> s, longNote, longNote, new PageNotes(i -> longNote, i -> longNote, x -> longNote));

        int largest = 0;
        for (String query : List.of("", "status=Invalid", "status=action&page=3", "q=%22", "q=" + "%E2%80%AE".repeat(200))) {
            largest = Math.max(largest, page.render(s, PageQuery.parse(query)).length());
        }

        assertTrue(largest <= StatusPage.MAX_PAGE_CHARS, largest + " characters");
        assertEquals(MountStatus.INVALID, s.images().get(0).countedStatus());
    }
}
