package io.github.dismagent.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Medians and the formatting of the report's numbers. */
final class Stats {
    private Stats() {
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Milliseconds, with the precision their size deserves. */
    static String millis(double ms) {
        return ms < 1 ? fixed(ms * 1000, 0) + " µs" : ms < 10 ? fixed(ms, 2) + " ms" : fixed(ms, 0) + " ms";
    }

    static String ratio(double ours, double theirs) {
        return theirs == 0 ? "n/a" : ours / theirs >= 10 ? fixed(ours / theirs, 0) + "×" : fixed(ours / theirs, 2) + "×";
    }
}
