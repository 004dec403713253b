package io.github.dismagent.agent.http;

import com.sun.net.httpserver.HttpExchange;
import io.github.dismagent.dism.MountStatus;
import io.github.dismagent.monitor.MonitoredImage;
import io.github.dismagent.monitor.Snapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Supplier;

/** {@code /}: a small HTML page of the mounted images and their status, every value HTML-escaped. */
public final class StatusPage {
    /** A page for people: beyond this many rows, JMX and the metrics have the rest. */
    static final int MAX_ROWS = 1000;

    private final Supplier<Snapshot> snapshot;
    private final String host;
    private final String jmxDomain;

    public StatusPage(Supplier<Snapshot> snapshot, String host, String jmxDomain) {
        this.snapshot = snapshot;
        this.host = host;
        this.jmxDomain = jmxDomain;
    }

    void serve(HttpExchange exchange, boolean head) throws IOException {
        byte[] page = render(snapshot.get()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        AgentRoutes.Responses.send(exchange, 200, "text/html; charset=utf-8", page, head);
    }

    String render(Snapshot s) {
        StringBuilder html = new StringBuilder(4096 + Math.min(s.mountedCount(), MAX_ROWS) * 300);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"30\">")
                .append("<title>dismagent: mounted Windows images on ").append(escape(host)).append("</title>")
                .append("<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}.Ok{color:#070}.NeedsRemount{color:#a60}")
                .append(".Invalid{color:#b00}</style></head><body>\n")
                .append("<h1>Mounted Windows images on ").append(escape(host)).append("</h1>\n<p>")
                .append(s.available() ? "DISM answers." : "<strong>DISM is not available.</strong>")
                .append(" Last read: ").append(s.lastRefresh().map(Instant::toString).orElse("never"))
                .append(". ").append(s.mountedCount()).append(" mounted: ").append(s.count(MountStatus.OK)).append(" Ok, ")
                .append(s.count(MountStatus.NEEDS_REMOUNT)).append(" NeedsRemount, ").append(s.count(MountStatus.INVALID)).append(" Invalid.</p>\n");
        if (!s.lastError().isEmpty()) {
            html.append("<p>Last error: <code>").append(escape(s.lastError())).append("</code></p>\n");
        }
        html.append("<p>Backend: ").append(escape(s.backend())).append("</p>\n")
                .append("<table><tr><th>MountPath</th><th>ImageFilePath</th><th>ImageIndex</th><th>MountMode</th><th>Status</th>")
                .append("<th>StatusSince</th><th>Last remount</th></tr>\n");
        int rows = 0;
        for (MonitoredImage image : s.images()) {
            if (rows++ == MAX_ROWS) {
                break;
            }
            String status = image.mountStatusName();
            html.append("<tr><td>").append(escape(image.displayPath())).append("</td><td>")
                    .append(escape(image.imageFilePath() == null ? "(none)" : image.imageFilePath()))
                    .append("</td><td>").append(image.imageIndex()).append("</td><td>").append(escape(image.mountModeName()))
                    .append("</td><td class=\"").append(escape(image.countedStatus().displayName())).append("\">").append(escape(status))
                    .append("</td><td>").append(image.statusSince()).append("</td><td>").append(escape(image.lastRemountResult()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
        if (s.mountedCount() > MAX_ROWS) {
            html.append("<p>").append(s.mountedCount() - MAX_ROWS)
                    .append(" more images are not shown; the MountedImages attribute and dism_image_status have them all.</p>\n");
        }
        html.append("<p><a href=\"/metrics\">/metrics</a> (Prometheus) · <a href=\"/-/healthy\">/-/healthy</a> · ")
                .append("Remount and clean up from JConsole, or VisualVM with its MBeans plugin (MBean ").append(escape(jmxDomain)).append(":type=DismImages).</p>\n")
                .append("</body></html>\n");
        return html.toString();
    }

    /** Text as HTML text or attribute value: {@code & < > " '} escaped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
