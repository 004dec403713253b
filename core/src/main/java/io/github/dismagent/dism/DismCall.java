package io.github.dismagent.dism;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The future of one call on the DISM thread, which also knows how long the call itself ran: the
 * time DISM worked, without the time it waited behind other calls (what a duration metric measures).
 */
public final class DismCall<T> extends CompletableFuture<T> {
    private volatile Duration ran;

    /** How long the call ran on the DISM thread, once it returned; empty before, or when it never ran. */
    public Optional<Duration> ran() {
        return Optional.ofNullable(ran);
    }

    void ran(Duration took) {
        ran = took;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
