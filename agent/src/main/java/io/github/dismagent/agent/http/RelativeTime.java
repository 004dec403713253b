package io.github.dismagent.agent.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** A time on the status page: {@code 3 min ago}, with the exact time (UTC, to the second) on hover. */
final class RelativeTime {
    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private RelativeTime() {
    }

    /** {@code <time datetime="..." title="2026-11-30 01:19:15 UTC">3 min ago</time>}. */
    static String html(Instant at, Instant now) {
        Instant second = at.truncatedTo(ChronoUnit.SECONDS);
        return "<time datetime=\"" + second + "\" title=\"" + EXACT.format(second) + "\">" + ago(at, now) + "</time>";
    }

    static String exact(Instant at) {
        return EXACT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    static String ago(Instant at, Instant now) {
        long seconds = Duration.between(at, now).getSeconds();
        if (seconds < 0) {
            return "just now";
        }
        if (seconds < 60) {
            return seconds + " s ago";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 48 * 3600) {
            long hours = seconds / 3600;
            long minutes = seconds % 3600 / 60;
            return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "") + " ago";
        }
        return seconds / 86400 + " days ago";
    }
}
