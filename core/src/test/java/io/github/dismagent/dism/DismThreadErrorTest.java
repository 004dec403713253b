package io.github.dismagent.dism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An Error on the DISM thread (issue 14, item 1): every caller still gets an answer, and the thread goes on. */
class DismThreadErrorTest {
    private final DismThread thread = new DismThread("dismagent-dism-test");

    @AfterEach
    void close() {
        DismThread.faultBeforeCompletion = null;
        thread.shutdown();
    }

    @Test
    void anErrorThrownByTheCallFailsItsFutureAndTheThreadGoesOn() throws Exception {
        CompletableFuture<Integer> failed = thread.submit("DismBroken", () -> {
            throw new OutOfMemoryError("injected");
        });
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> failed.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof OutOfMemoryError);
        assertEquals(7, thread.submit("DismFine", () -> 7).get(10, TimeUnit.SECONDS));
        assertTrue(thread.runningCall().isEmpty());
    }

    @Test
    void anErrorWhileCompletingStillCompletesTheFuture() throws Exception {
        AtomicInteger thrown = new AtomicInteger();
        DismThread.faultBeforeCompletion = () -> {
            if (thrown.getAndIncrement() == 0) {
                throw new OutOfMemoryError("injected before completion");
            }
        };
        CompletableFuture<Integer> first = thread.submit("DismFirst", () -> 1);
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> first.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof OutOfMemoryError, e.toString());
        assertEquals(2, thread.submit("DismSecond", () -> 2).get(10, TimeUnit.SECONDS));
    }
}
