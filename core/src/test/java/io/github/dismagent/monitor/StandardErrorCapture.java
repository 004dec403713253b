package io.github.dismagent.monitor;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What is written to System.err while some code runs: slf4j-simple, the tests' logger, looks System.err up at every line. */
final class StandardErrorCapture {
    interface Action {
        void run() throws Exception;
    }

    private StandardErrorCapture() {
    }

    static synchronized String during(Action action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }
}
