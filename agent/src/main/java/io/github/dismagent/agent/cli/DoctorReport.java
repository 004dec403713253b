package io.github.dismagent.agent.cli;

import java.io.PrintStream;

/**
 * The doctor's report as it is printed: one line per finding, marked OK, WARN, FAIL or SKIP, with
 * indented detail lines. Any FAIL makes the verdict unhealthy.
 */
final class DoctorReport {
    enum Mark { OK, WARN, FAIL, SKIP }

    private final PrintStream out;
    private int failures;
    private int warnings;

    DoctorReport(PrintStream out) {
        this.out = out;
    }

    void line(Mark mark, String topic, String text) {
        if (mark == Mark.FAIL) {
            failures++;
        } else if (mark == Mark.WARN) {
            warnings++;
        }
        out.printf("%-6s %s: %s%n", "[" + mark + "]", topic, text);
    }

    /** A detail of the finding above, indented under it. */
    void detail(String text) {
        out.println(text.isEmpty() ? "" : "         " + text);
    }

    boolean healthy() {
        return failures == 0;
    }

    /** The last line, and the exit status: 0 when the agent would work, 1 otherwise. */
    int conclude() {
        if (healthy()) {
            out.println("Healthy: dismagent would work in a JVM started like this" + (warnings == 0 ? "." : " (" + warnings
                    + " warning" + (warnings == 1 ? "" : "s") + " above)."));
            return 0;
        }
        out.println("Not healthy: " + failures + " problem" + (failures == 1 ? "" : "s") + " marked FAIL above; fix "
                + (failures == 1 ? "it" : "them") + " before attaching dismagent.");
        return 1;
    }
}
