package io.github.dismagent.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The samples of a Prometheus text exposition, keyed as {@code name{label="value",...}} with the
 * labels sorted and unescaped, for exact assertions.
 */
public final class Scrape {
    private final Map<String, Double> samples = new LinkedHashMap<>();

    public static Scrape parse(String text) {
        Scrape scrape = new Scrape();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            scrape.addSample(line);
        }
        return scrape;
    }

    private void addSample(String line) {
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        String name;
        Map<String, String> labels = new TreeMap<>();
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            int i = brace + 1;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq);
                StringBuilder value = new StringBuilder();
                int j = eq + 2; // past ="
                while (line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                    j++;
                }
                labels.put(label, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
        } else {
            name = line.substring(0, space);
        }
        samples.put(key(name, labels), Double.parseDouble(line.substring(space + 1)));
    }

    static String key(String name, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return name;
        }
        return name + labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",", "{", "}"));
    }

    /** {@code sample("dism_images", "status", "ok")}; null when absent. */
    public Double sample(String name, String... labelPairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        return samples.get(key(name, labels));
    }

    public Map<String, Double> samples() {
        return samples;
    }

    /** The samples whose name starts with this prefix. */
    public Map<String, Double> named(String prefix) {
        return samples.entrySet().stream().filter(e -> e.getKey().startsWith(prefix + "{") || e.getKey().equals(prefix))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /** The distinct sample names. */
    public java.util.Set<String> names() {
        return samples.keySet().stream().map(k -> k.contains("{") ? k.substring(0, k.indexOf('{')) : k)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
