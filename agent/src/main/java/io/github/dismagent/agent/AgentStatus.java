package io.github.dismagent.agent;

/**
 * What the agent tells whoever asks its host JVM, through two system properties of that JVM: the
 * {@code attach} command reads them over the attach connection, an operator with
 * {@code jcmd <pid> VM.system_properties}. Outside the {@code dismagent.} prefix, which holds options.
 */
public final class AgentStatus {
    /** How many times an agent was loaded into this JVM (the bootstrap counts, before anything else). */
    public static final String LOADS = "io.github.dismagent.loads";
    /** {@code starting ...}, {@code running ...} or {@code failed ...}, with the endpoint and the MBeans. */
    public static final String STATE = "io.github.dismagent.state";

    private AgentStatus() {
    }

    static void set(String state) {
        try {
            System.setProperty(STATE, state);
        } catch (RuntimeException e) {
            // a security manager may refuse; the log says the same
        }
    }
}
