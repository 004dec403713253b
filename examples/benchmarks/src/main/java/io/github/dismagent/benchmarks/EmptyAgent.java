package io.github.dismagent.benchmarks;

import java.lang.instrument.Instrumentation;

/**
 * The floor of any -javaagent: a premain that does nothing. What it adds to start-up and memory
 * (opening the jar, loading java.instrument) no agent can go below.
 */
public final class EmptyAgent {
    private EmptyAgent() {
    }

    public static void premain(String options, Instrumentation instrumentation) {
        // nothing: the floor
    }
}
