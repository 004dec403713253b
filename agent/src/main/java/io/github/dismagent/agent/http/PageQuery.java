package io.github.dismagent.agent.http;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The status page's filter, from the request's query ({@code ?status=Invalid&q=win11&page=2}): which
 * statuses, which text, which page. Checked here, once: an unknown status or page number is ignored
 * and named in {@link #problems()}; the text is cut to {@value #MAX_TEXT} characters.
 */
record PageQuery(Show show, String text, int page, List<String> problems) {
    static final int MAX_TEXT = 200;
    /** More than this is not looked at: the page's own links never make a query this long. */
    private static final int MAX_QUERY = 2048;

    /** Which rows the filter keeps. */
    enum Show {
        ALL("all", "All images"), ACTION("action", "Needing action"), INVALID("Invalid", "Invalid"),
        NEEDS_REMOUNT("NeedsRemount", "NeedsRemount"), OK("Ok", "Ok");

        final String param;
        final String label;

        Show(String param, String label) {
            this.param = param;
            this.label = label;
        }

        static String accepted() {
            List<String> names = new ArrayList<>();
            for (Show show : values()) {
                names.add(show.param);
            }
            return String.join(", ", names);
        }
    }

    static final PageQuery DEFAULT = new PageQuery(Show.ALL, "", 1, List.of());

    /** @param rawQuery the request URI's raw query; null when it has none */
    static PageQuery parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return DEFAULT;
        }
        List<String> problems = new ArrayList<>();
        String query = rawQuery;
        if (query.length() > MAX_QUERY) {
            problems.add("the query is longer than " + MAX_QUERY + " characters; only its start was read");
            query = query.substring(0, MAX_QUERY);
        }
        Show show = Show.ALL;
        String text = "";
        int page = 1;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            switch (key) {
                case "status" -> {
                    Show found = find(value);
                    if (found == null) {
                        problems.add("unknown status filter '" + value + "' (accepted: " + Show.accepted() + ")");
                    } else {
                        show = found;
                    }
                }
                case "q" -> text = value.length() > MAX_TEXT ? value.substring(0, MAX_TEXT) : value.strip();
                case "page" -> {
                    try {
                        page = Math.max(1, Integer.parseInt(value));
                    } catch (NumberFormatException e) {
                        problems.add("page '" + value + "' is not a number (accepted: 1, 2, ...)");
                    }
                }
                default -> { /* other keys (a cache-buster, say) are harmless */ }
            }
        }
        return new PageQuery(show, text, page, List.copyOf(problems));
    }

    private static Show find(String value) {
        for (Show show : Show.values()) {
            if (show.param.equalsIgnoreCase(value)) {
                return show;
            }
        }
        return value.isEmpty() ? Show.ALL : null;
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part; // a broken %-escape: taken as typed
        }
    }

    /** The query string for this filter on another page ({@code ?status=...}), HTML-escaped for an attribute. */
    String link(Show showing, int toPage) {
        StringBuilder link = new StringBuilder("?status=").append(showing.param);
        if (!text.isEmpty()) {
            link.append("&q=").append(URLEncoder.encode(text, StandardCharsets.UTF_8));
        }
        if (toPage > 1) {
            link.append("&page=").append(toPage);
        }
        return PageText.html(link.toString());
    }

    /** The text with each char lower-cased on its own, as {@link #matches} compares. */
    private String folded() {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }

    /** Whether this text occurs in the value, ignoring case. */
    boolean matches(String value) {
        if (text.isEmpty()) {
            return true;
        }
        if (value == null) {
            return false;
        }
        String folded = folded();
        // Compared char by char, both sides lower-cased: String.regionMatches(ignoreCase) at every position
        // made a 200-character filter over 1,000 paths of 32,000 characters take seconds.
        int last = value.length() - folded.length();
        for (int i = 0; i <= last; i++) {
            int j = 0;
            while (j < folded.length() && Character.toLowerCase(value.charAt(i + j)) == folded.charAt(j)) {
                j++;
            }
            if (j == folded.length()) {
                return true;
            }
        }
        return false;
    }
}
