package io.github.dismagent.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesTheContractsForms() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
    }

    @Test
    void refusesEverythingElseNamingTheAcceptedForm() {
        for (String bad : new String[] {"-5s", "5", "5 s", "1.5s", "5S", "PT5S", "", "5d", "s", "9999999999s", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), String.valueOf(bad));
            assertEquals((bad == null ? "(null)" : "'" + bad + "'") + " is not a duration: expected " + Durations.FORM, e.getMessage());
        }
    }

    @Test
    void formatsTheShortestExactForm() {
        assertEquals("30s", Durations.format(Duration.ofSeconds(30)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("2m", Durations.format(Duration.ofMinutes(2)));
        assertEquals("1h", Durations.format(Duration.ofMinutes(60)));
        assertEquals("0s", Durations.format(Duration.ZERO));
    }
}
