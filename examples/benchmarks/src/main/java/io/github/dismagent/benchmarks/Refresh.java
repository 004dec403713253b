package io.github.dismagent.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** The JMH refresh results: microseconds per call, by benchmark and number of images. */
record Refresh(Map<String, Map<Integer, Double>> microsPerCall) {

    static Refresh read(Path jmhJson) throws IOException {
        Map<String, Map<Integer, Double>> results = new TreeMap<>();
        for (JsonNode run : new ObjectMapper().readTree(jmhJson.toFile())) {
            String benchmark = run.get("benchmark").asText().replaceAll(".*\\.", "");
            int images = run.at("/params/images").asInt();
            results.computeIfAbsent(benchmark, k -> new TreeMap<>()).put(images, run.at("/primaryMetric/score").asDouble());
        }
        return new Refresh(results);
    }

    /** Microseconds per image: the call divided by its images. */
    double perImage(String benchmark, int images) {
        return microsPerCall.get(benchmark).get(images) / images;
    }

    /** The slope between 1,000 and 100,000 images: what one more image costs, without the fixed cost of a call. */
    double marginalPerImage(String benchmark) {
        Map<Integer, Double> calls = microsPerCall.get(benchmark);
        return (calls.get(100_000) - calls.get(1000)) / (100_000 - 1000);
    }
}
