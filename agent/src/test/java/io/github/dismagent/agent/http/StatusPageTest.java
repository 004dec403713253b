package io.github.dismagent.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.dism.EmulatorFixture;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.MonitorFixture;
import io.github.dismagent.monitor.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatusPageTest {
    @RegisterExtension
    final EmulatorFixture emulator = new EmulatorFixture();

    private Snapshot read(StateFileText table) {
        emulator.write(table);
        DismMonitor monitor = MonitorFixture.start(emulator, MonitorFixture.fast(), null);
        return MonitorFixture.refreshed(monitor);
    }

    @Test
    void pathsStayTextNeverMarkup() {
        Snapshot s = read(new StateFileText()
                .mount("C:\\Mount\\<script>alert('x')</script>", "D:\\a&b\\\"quoted\".wim", 1, "ReadWrite", "NeedsRemount"));

        String html = new StatusPage(() -> s, "<host>", "io.github.dismagent").render(s);

        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("<td>C:\\Mount\\&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td>"), html);
        assertTrue(html.contains("<td>D:\\a&amp;b\\&quot;quoted&quot;.wim</td>"), html);
        assertTrue(html.contains("on &lt;host&gt;</h1>"), html);
        assertTrue(html.contains("<td class=\"NeedsRemount\">NeedsRemount</td>"), html);
    }

    @Test
    void aHugeTableShowsItsFirstThousandRowsAndSaysWhereTheRestIs() {
        StateFileText big = new StateFileText();
        for (int i = 0; i < 1500; i++) {
            big.mount("C:\\Mount\\" + i, "D:\\" + i + ".wim", 1, "ReadOnly", "Ok");
        }
        Snapshot s = read(big);

        String html = new StatusPage(() -> s, "host", "io.github.dismagent").render(s);

        assertEquals(StatusPage.MAX_ROWS, html.split("<tr><td>", -1).length - 1);
        assertTrue(html.contains("500 more images are not shown"), html.substring(html.length() - 400));
    }
}
