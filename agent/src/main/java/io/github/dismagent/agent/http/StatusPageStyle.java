package io.github.dismagent.agent.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The status page's only style sheet, inline, and the Content-Security-Policy that allows exactly it:
 * no script, no other style, no image, font or frame, forms only to this server.
 */
final class StatusPageStyle {
    /** Fits a 1280-pixel window: fixed column widths, long values wrap anywhere. */
    static final String CSS = "body{font:14px/1.4 system-ui,sans-serif;margin:1em 1.5em;color:#222}"
            + "h1{font-size:1.4em;margin:.2em 0 .6em}"
            + ".banner{background:#fde8e8;border:1px solid #b00;padding:.6em .8em;margin:.6em 0}"
            + ".warn{background:#fff4d6;border:1px solid #a60;padding:.5em .8em;margin:.6em 0}"
            + ".counts{display:flex;gap:.6em;flex-wrap:wrap;align-items:center;margin:.6em 0}"
            + ".counts a{border:1px solid #ccc;border-radius:4px;padding:.2em .6em;text-decoration:none;color:#222}"
            + ".counts a[aria-current]{background:#e8eefc;border-color:#36c}.counts span{color:#666}"
            + ".counts a.act{border-color:#b00}"
            + ".filter{margin:.6em 0}.filter input{width:22em}"
            + "table{border-collapse:collapse;width:100%;table-layout:fixed;font-size:13px}"
            + "td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:break-word}"
            + "td:nth-child(2),td:nth-child(3){overflow-wrap:anywhere}"
            + "th{background:#f3f3f3}"
            + ".c-status{width:10.5em}.c-path{width:16%}.c-file{width:14%}.c-index{width:4.6em}.c-mode{width:6.5em}"
            + ".c-since{width:7em}.c-op{width:7.6em}.c-advice{width:auto}.c-last{width:9%}"
            + ".Ok{color:#070}.NeedsRemount{color:#a60;font-weight:bold}.Invalid{color:#b00;font-weight:bold}"
            + "td.op{font-weight:bold}time{text-decoration:underline dotted}"
            + ".pager,.foot{color:#444}.foot{margin-top:1.2em;font-size:.9em}";

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(CSS) + "'; form-action 'self'; "
            + "base-uri 'none'; frame-ancestors 'none'";

    private StatusPageStyle() {
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
