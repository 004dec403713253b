package io.github.dismagent.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Issue 14, item 6: change lines bounded per minute (about 6,300 a minute were logged at interval=200ms), with a summary. */
class LogBudgetTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private static List<String> read(int n) {
        return IntStream.range(0, n).mapToObj(i -> "change " + i).toList();
    }

    @Test
    void aMinuteOfChurnLogsAtMostTheBudgetThenOneSummary() {
        LogBudget budget = new LogBudget();
        List<String> logged = new ArrayList<>();
        // Five reads a second for a minute, 21 lines each (ChangeLog's per-read bound): 6,300 lines offered.
        for (int read = 0; read < 300; read++) {
            logged.addAll(budget.admit(read(21), read * SECOND / 5));
        }
        assertEquals(LogBudget.LINES_PER_MINUTE, logged.size());
        List<String> nextMinute = budget.admit(read(1), 60 * SECOND);
        assertEquals(2, nextMinute.size());
        assertEquals("6100 change line(s) were not logged in the last minute (at most 200 a minute); the MBeans, notifications "
                + "and metrics carry every change", nextMinute.get(0));
        assertEquals("change 0", nextMinute.get(1));
    }

    @Test
    void quietTimesLogEverythingAndNoSummary() {
        LogBudget budget = new LogBudget();
        assertEquals(read(21), budget.admit(read(21), 0));
        assertEquals(read(3), budget.admit(read(3), 120 * SECOND));
    }
}
