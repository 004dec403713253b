package io.github.dismagent.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The advice the status page's banner shows while DISM is unavailable: the log line's, from the snapshot. */
class OperatorAdviceTest {
    private static Snapshot unavailable(String lastError) {
        return new Snapshot(List.of(), false, Instant.EPOCH, lastError, "DismApi.dll");
    }

    @Test
    void anUnavailableDismGetsTheAdviceOfItsHresult() {
        String advice = OperatorAdvice.whenUnavailable(unavailable("0x800702E4 ERROR_ELEVATION_REQUIRED: The requested operation requires elevation."));

        assertTrue(advice.contains("elevated"), advice);
        assertEquals(OperatorAdvice.adviceFor(0x800F0902), OperatorAdvice.whenUnavailable(unavailable("0x800F0902 DISMAPI_E_BUSY: busy")));
    }

    @Test
    void noAdviceWhenDismIsAvailableOrTheErrorHasNoCode() {
        assertEquals("", OperatorAdvice.whenUnavailable(new Snapshot(List.of(), true, Instant.EPOCH, "", "DismApi.dll")));
        assertEquals("", OperatorAdvice.whenUnavailable(unavailable("No DISM library could be loaded. Tried: C:\\x.dll")));
        assertEquals("", OperatorAdvice.whenUnavailable(unavailable("0xZZ")));
    }
}
