package io.github.dismagent.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WrkTest {
    private static final String OUTPUT = """
            Running 3s test @ http://127.0.0.1:41000/metrics
              1 threads and 1 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency    84.12us   50.32us   1.67ms   50.00%
                Req/Sec    13.66k     1.20k   15.00k    80.00%
              Latency Distribution
                 50%   69.00us
                 75%   80.00us
                 90%  100.00us
                 99%    1.67ms
              40974 requests in 3.00s, 52.34MB read
              Socket errors: connect 0, read 2, write 0, timeout 0
            Requests/sec:  13658.00
            Transfer/sec:     17.45MB
            """;

    @Test
    void readsRateLatenciesRequestsAndErrors() {
        Wrk run = Wrk.parse(OUTPUT);
        assertEquals(13658.0, run.requestsPerSecond());
        assertEquals(0.069, run.p50Millis(), 1e-9, "µs to ms, not the stdev column's 50.00%");
        assertEquals(1.67, run.p99Millis(), 1e-9);
        assertEquals(40974, run.requests());
        assertEquals("Socket errors: connect 0, read 2, write 0, timeout 0", run.errors());
    }

    @Test
    void secondsAreConverted() {
        Wrk run = Wrk.parse(OUTPUT.replace("99%    1.67ms", "99%    1.20s"));
        assertEquals(1200.0, run.p99Millis(), 1e-9);
    }

    @Test
    void outputWithoutTheLatencyDistributionIsRejected() {
        assertThrows(IllegalStateException.class, () -> Wrk.parse("Requests/sec: 1.0\n1 requests in 1s"));
    }
}
