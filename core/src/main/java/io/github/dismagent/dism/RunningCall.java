package io.github.dismagent.dism;

import java.time.Instant;

/**
 * The DISM function running now on the DISM thread, and since when: how a caller tells a slow
 * call from a hung one.
 */
public record RunningCall(String function, Instant since) {
}
