package io.github.dismagent.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One run of wrk against a URL, and what it measured. */
record Wrk(double requestsPerSecond, double p50Millis, double p99Millis, long requests, String errors) {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern ERRORS = Pattern.compile("(Socket errors:.*|Non-2xx or 3xx responses:.*)");

    static Wrk run(String url, int connections, int seconds) throws IOException, InterruptedException {
        int threads = Math.min(connections, 2);
        Process wrk = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "10s",
                "--latency", url).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IOException("wrk failed: " + out);
        }
        return parse(out);
    }

    /** What wrk printed with {@code --latency}. */
    static Wrk parse(String out) {
        return new Wrk(number(RATE, out), latency(out, "50%"), latency(out, "99%"), (long) number(TOTAL, out), errors(out));
    }

    private static double number(Pattern pattern, String out) {
        Matcher m = pattern.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("unexpected wrk output: " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double latency(String out, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + percentile + " latency in: " + out);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            default -> value * 1000;
        };
    }

    private static String errors(String out) {
        List<String> found = ERRORS.matcher(out).results().map(match -> match.group(1).strip()).toList();
        return String.join("; ", found);
    }
}
