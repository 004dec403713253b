package io.github.dismagent.jmx;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/** Times as the MBeans give them: to the second, like the times in operation results. */
final class Times {
    private Times() {
    }

    static Date date(Instant at) {
        return Date.from(at.truncatedTo(ChronoUnit.SECONDS));
    }
}
