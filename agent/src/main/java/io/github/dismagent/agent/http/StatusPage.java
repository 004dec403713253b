package io.github.dismagent.agent.http;

import com.sun.net.httpserver.HttpExchange;
import io.github.dismagent.dism.MountStatus;
import io.github.dismagent.monitor.MonitoredImage;
import io.github.dismagent.monitor.Snapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /}: the mounted images for an operator to work from. Images needing action first (Invalid, then
 * NeedsRemount, then the rest), {@value #PAGE_SIZE} rows a page, a filter by status and text kept in the
 * query (so that the self-refresh keeps it), counts linking to their rows, DISM's unavailability in a
 * banner. Every value from outside is shortened ({@link PageText}), shown visibly and HTML-escaped, so the
 * page never exceeds {@value #MAX_PAGE_CHARS} characters however many or long the paths. It changes
 * nothing: the actions are JMX operations. No script; inline CSS allowed by its hash only.
 */
public final class StatusPage {
    /** Rows a page: about a screenful at 1280x900. */
    static final int PAGE_SIZE = 25;
    /** Code points of a path, index or status shown in a cell; the full value stays in JMX. */
    static final int MAX_CELL = 160;
    /** Code points of an advice, operation or remount result shown in a cell. */
    static final int MAX_NOTE = 400;
    /** Code points of DISM's error, its advice, the backend and the host name shown. */
    static final int MAX_BANNER = 1000;
    /** The page's bound, in characters: what the rows and banners above can take at worst, with room for markup. */
    static final int MAX_PAGE_CHARS = 400_000;
    /** Microsoft's guidance: at most this many images mounted on one machine. */
    static final int MOUNT_GUIDANCE = 20;

    private final Supplier<Snapshot> snapshot;
    private final String host;
    private final String jmxDomain;
    private final PageNotes notes;
    private final Clock clock;
    private final int refreshSeconds;

    /** The page of this snapshot, refreshed every 30 s. */
    public StatusPage(Supplier<Snapshot> snapshot, String host, String jmxDomain, PageNotes notes) {
        this(snapshot, host, jmxDomain, notes, Clock.systemUTC(), 30);
    }

    StatusPage(Supplier<Snapshot> snapshot, String host, String jmxDomain, PageNotes notes, Clock clock, int refreshSeconds) {
        this.snapshot = snapshot;
        this.host = host;
        this.jmxDomain = jmxDomain;
        this.notes = notes;
        this.clock = clock;
        this.refreshSeconds = refreshSeconds;
    }

    void serve(HttpExchange exchange, boolean head) throws IOException {
        PageQuery query = PageQuery.parse(exchange.getRequestURI().getRawQuery());
        byte[] page = render(snapshot.get(), query).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Security-Policy", StatusPageStyle.CONTENT_SECURITY_POLICY);
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        AgentRoutes.Responses.send(exchange, 200, "text/html; charset=utf-8", page, head);
    }

    String render(Snapshot s) {
        return render(s, PageQuery.DEFAULT);
    }

    String render(Snapshot s, PageQuery query) {
        Instant now = clock.instant();
        List<MonitoredImage> shown = actionFirst(s.images(), query);
        int pages = Math.max(1, (shown.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(query.page(), pages);
        List<MonitoredImage> rows = shown.subList((page - 1) * PAGE_SIZE, Math.min(shown.size(), page * PAGE_SIZE));

        String hostCell = PageText.cell(host, MAX_CELL);
        StringBuilder html = new StringBuilder(16_384 + rows.size() * 2_048);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">")
                .append("<meta name=\"viewport\" content=\"width=device-width\">")
                .append("<title>dismagent: mounted Windows images on ").append(hostCell).append("</title>")
                .append("<style>").append(StatusPageStyle.CSS).append("</style></head><body>\n")
                .append("<h1>Mounted Windows images on ").append(hostCell).append("</h1>\n");
        banners(html, s, now);
        counts(html, s, query, now);
        for (String problem : query.problems()) {
            html.append("<p class=\"warn\">Filter ignored: ").append(PageText.cell(problem, MAX_BANNER)).append(".</p>\n");
        }
        filterForm(html, query);
        table(html, rows, now);
        pager(html, query, page, pages, shown.size());
        html.append("<p class=\"foot\">Nothing on this page changes a mount. Remount, unmount with discard and clean up with the JMX ")
                .append("operations of <code>").append(PageText.cell(jmxDomain, MAX_CELL)).append(":type=DismImages</code> and of each ")
                .append("<code>type=MountedImage</code> (JConsole, or VisualVM with its MBeans plugin). ")
                .append("<a href=\"/metrics\">/metrics</a> · <a href=\"/-/healthy\">/-/healthy</a> · Backend: ")
                .append(PageText.cell(s.backend(), MAX_BANNER)).append(" · Page built ").append(RelativeTime.exact(now))
                .append(", refreshed every ").append(refreshSeconds).append(" s.</p>\n</body></html>\n");
        return html.toString();
    }

    private void banners(StringBuilder html, Snapshot s, Instant now) {
        if (!s.available()) {
            html.append("<div class=\"banner\" role=\"alert\"><strong>DISM is unavailable.</strong> ");
            if (s.lastError().isEmpty() && s.lastRefresh().isEmpty()) {
                html.append("The mount table has not been read yet: dismagent is starting, or DISM is not initialised yet.");
            } else {
                html.append(PageText.cell(s.lastError(), MAX_BANNER)).append(s.lastError().endsWith(".") ? "" : ".");
            }
            String advice = notes.dismAdvice().apply(s);
            if (!advice.isEmpty()) {
                html.append(" ").append(PageText.cell(advice, MAX_BANNER));
            }
            html.append(s.lastRefresh().map(at -> " The images below are those read " + RelativeTime.html(at, now) + ".")
                    .orElse(" No read has succeeded yet.")).append("</div>\n");
        }
        if (s.mountedCount() > MOUNT_GUIDANCE) {
            html.append("<div class=\"warn\" role=\"status\"><strong>").append(s.mountedCount())
                    .append(" images are mounted.</strong> Microsoft advises at most ").append(MOUNT_GUIDANCE)
                    .append(" mounted images on one machine: unmount those no longer needed.</div>\n");
        }
    }

    private static void counts(StringBuilder html, Snapshot s, PageQuery query, Instant now) {
        int invalid = s.count(MountStatus.INVALID);
        int needsRemount = s.count(MountStatus.NEEDS_REMOUNT);
        html.append("<nav class=\"counts\">")
                .append(countLink(query, PageQuery.Show.ALL, s.mountedCount(), "mounted", ""))
                .append(countLink(query, PageQuery.Show.ACTION, invalid + needsRemount, "need action", invalid + needsRemount > 0 ? "act" : ""))
                .append(countLink(query, PageQuery.Show.INVALID, invalid, "Invalid", invalid > 0 ? "Invalid" : ""))
                .append(countLink(query, PageQuery.Show.NEEDS_REMOUNT, needsRemount, "NeedsRemount", needsRemount > 0 ? "NeedsRemount" : ""))
                .append(countLink(query, PageQuery.Show.OK, s.count(MountStatus.OK), "Ok", "Ok"))
                .append(s.lastRefresh().map(at -> "<span>Last read " + RelativeTime.html(at, now) + "</span>").orElse(""))
                .append("</nav>\n");
    }

    private static String countLink(PageQuery query, PageQuery.Show show, int count, String what, String cssClass) {
        return "<a href=\"?status=" + show.param + "\"" + (cssClass.isEmpty() ? "" : " class=\"" + cssClass + "\"")
                + (query.show() == show ? " aria-current=\"true\"" : "") + "><b>" + count + "</b> " + what + "</a>";
    }

    private static void filterForm(StringBuilder html, PageQuery query) {
        html.append("<form method=\"get\" action=\"/\" class=\"filter\"><label>Status <select name=\"status\">");
        for (PageQuery.Show show : PageQuery.Show.values()) {
            html.append("<option value=\"").append(show.param).append("\"").append(show == query.show() ? " selected" : "")
                    .append(">").append(show.label).append("</option>");
        }
        html.append("</select></label> <label>Path contains <input type=\"search\" name=\"q\" maxlength=\"").append(PageQuery.MAX_TEXT)
                .append("\" value=\"").append(PageText.cell(query.text(), PageQuery.MAX_TEXT)).append("\"></label> ")
                .append("<button type=\"submit\">Filter</button> <a href=\"/\">clear</a></form>\n");
    }

    private void table(StringBuilder html, List<MonitoredImage> rows, Instant now) {
        html.append("<table><colgroup><col class=\"c-status\"><col class=\"c-path\"><col class=\"c-file\"><col class=\"c-index\">")
                .append("<col class=\"c-mode\"><col class=\"c-since\"><col class=\"c-op\"><col class=\"c-advice\"><col class=\"c-last\"></colgroup>\n")
                .append("<thead><tr><th>Status</th><th>Mount path</th><th>Image file</th><th>Index</th><th>Mode</th><th>Since</th>")
                .append("<th>Operation</th><th>Advice</th><th>Last remount</th></tr></thead><tbody>\n");
        for (MonitoredImage image : rows) {
            html.append("<tr><td class=\"").append(image.countedStatus().displayName()).append("\">")
                    .append(PageText.cell(image.mountStatusName(), MAX_CELL)).append("</td><td>")
                    .append(PageText.cell(image.mountPath() == null ? "(none)" : image.mountPath(), MAX_CELL)).append("</td><td>")
                    .append(PageText.cell(image.imageFilePath() == null ? "(none)" : image.imageFilePath(), MAX_CELL)).append("</td><td>")
                    .append(image.imageIndex()).append("</td><td>").append(PageText.cell(image.mountModeName(), MAX_CELL)).append("</td><td>")
                    .append(RelativeTime.html(image.statusSince(), now)).append("</td><td class=\"op\">")
                    .append(PageText.cell(notes.operation().apply(image), MAX_NOTE)).append("</td><td>")
                    .append(PageText.cell(notes.advice().apply(image), MAX_NOTE)).append("</td><td>")
                    .append(PageText.cell(image.lastRemountResult(), MAX_NOTE)).append("</td></tr>\n");
        }
        if (rows.isEmpty()) {
            html.append("<tr><td colspan=\"9\">No image matches.</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private static void pager(StringBuilder html, PageQuery query, int page, int pages, int matching) {
        html.append("<p class=\"pager\">");
        if (matching > 0) {
            html.append("Rows ").append((page - 1) * PAGE_SIZE + 1).append("–").append(Math.min(matching, page * PAGE_SIZE))
                    .append(" of ").append(matching).append(". ");
        }
        if (page > 1) {
            html.append("<a href=\"").append(query.link(query.show(), 1)).append("\">« first</a> <a href=\"")
                    .append(query.link(query.show(), page - 1)).append("\">‹ previous</a> ");
        }
        if (pages > 1) {
            html.append("Page ").append(page).append(" of ").append(pages).append(" ");
        }
        if (page < pages) {
            html.append("<a href=\"").append(query.link(query.show(), page + 1)).append("\">next ›</a> <a href=\"")
                    .append(query.link(query.show(), pages)).append("\">last »</a>");
        }
        html.append("</p>\n");
    }

    /** The images the filter keeps: Invalid (and statuses unknown to this version), then NeedsRemount, then Ok, each in DISM's order. */
    static List<MonitoredImage> actionFirst(List<MonitoredImage> images, PageQuery query) {
        List<MonitoredImage> kept = new ArrayList<>();
        for (MonitoredImage image : images) {
            if (shows(query.show(), image.countedStatus())
                    && (query.matches(image.mountPath()) || query.matches(image.imageFilePath()) || query.matches(image.mountStatusName()))) {
                kept.add(image);
            }
        }
        kept.sort(Comparator.comparingInt(image -> rank(image.countedStatus())));
        return kept;
    }

    private static boolean shows(PageQuery.Show show, MountStatus status) {
        return switch (show) {
            case ALL -> true;
            case ACTION -> status != MountStatus.OK;
            case INVALID -> status == MountStatus.INVALID;
            case NEEDS_REMOUNT -> status == MountStatus.NEEDS_REMOUNT;
            case OK -> status == MountStatus.OK;
        };
    }

    private static int rank(MountStatus counted) {
        return switch (counted) {
            case INVALID, UNKNOWN -> 0;
            case NEEDS_REMOUNT -> 1;
            case OK -> 2;
        };
    }
}
