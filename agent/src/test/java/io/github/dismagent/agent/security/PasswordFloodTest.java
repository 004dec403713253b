package io.github.dismagent.agent.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.agent.security.BasicAuthentication.Verdict;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What wrong credentials may cost: each password check stands for a PBKDF2 run, so these tests count
 * the checks (and how many run at once) that a flood of wrong credentials causes.
 */
class PasswordFloodTest {
    private static final String USER = "prometheus";
    private static final byte[] RIGHT = "right password".getBytes(StandardCharsets.UTF_8);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicInteger checks = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private volatile long checkMillis;

    private final BasicAuthentication authentication = new BasicAuthentication(USER, this::check, nanos::get);

    private boolean check(byte[] password) {
        checks.incrementAndGet();
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            if (checkMillis > 0) {
                Thread.sleep(checkMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.decrementAndGet();
        }
        return Arrays.equals(password, RIGHT);
    }

    private static byte[] credentials(String user, String password) {
        return (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    }

    private static InetAddress address(int last) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) last});
    }

    private void advanceSeconds(double seconds) {
        nanos.addAndGet((long) (seconds * 1e9));
    }

    @Test
    void anAddressThatKeepsFailingIsRefusedWithoutACheck() throws Exception {
        InetAddress attacker = address(1);
        int refused = 0;
        for (int i = 0; i < 100; i++) {
            Verdict verdict = authentication.verify(credentials(USER, "guess " + i), attacker);
            if (verdict == Verdict.THROTTLED) {
                refused++;
            }
        }
        assertEquals(FailedLoginLimiter.FREE_FAILURES, checks.get(), "password checks for 100 wrong guesses");
        assertEquals(100 - FailedLoginLimiter.FREE_FAILURES, refused);
        assertEquals(Verdict.REJECTED, authentication.verify(credentials(USER, "other address"), address(2)),
                "another address is not blocked");
    }

    @Test
    void theBlockDoublesWithEveryFurtherFailureAndASuccessClearsIt() throws Exception {
        InetAddress client = address(3);
        for (int i = 0; i < FailedLoginLimiter.FREE_FAILURES; i++) {
            assertEquals(Verdict.REJECTED, authentication.verify(credentials(USER, "wrong " + i), client));
        }
        assertEquals(Verdict.THROTTLED, authentication.verify(credentials(USER, RIGHT_TEXT), client), "blocked for 1 s");
        advanceSeconds(1.1);
        assertEquals(Verdict.REJECTED, authentication.verify(credentials(USER, "wrong again"), client));
        advanceSeconds(1.1);
        assertEquals(Verdict.THROTTLED, authentication.verify(credentials(USER, RIGHT_TEXT), client), "now blocked for 2 s");
        advanceSeconds(1.0);
        assertEquals(Verdict.ACCEPTED, authentication.verify(credentials(USER, RIGHT_TEXT), client));
        assertEquals(Verdict.REJECTED, authentication.verify(credentials(USER, "a new mistake"), client),
                "a success starts the count again");
    }

    private static final String RIGHT_TEXT = new String(RIGHT, StandardCharsets.UTF_8);

    @Test
    void aCredentialThatFailedIsNotCheckedAgain() throws Exception {
        for (int i = 1; i <= 4; i++) {
            assertEquals(Verdict.REJECTED, authentication.verify(credentials(USER, "leaked old password"), address(i)));
        }
        assertEquals(1, checks.get(), "password checks for one wrong credential sent from four addresses");
    }

    @Test
    void failedChecksRunOneAtATimeAndTheRestAreToldToRetryAtOnce() throws Exception {
        checkMillis = 20;
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Verdict>> attempts = new ArrayList<>();
            for (int client = 0; client < 8; client++) {
                InetAddress from = address(10 + client);
                for (int attempt = 0; attempt < 3; attempt++) {
                    byte[] guess = credentials(USER, "client " + client + " guess " + attempt);
                    attempts.add(clients.submit(() -> authentication.verify(guess, from)));
                }
            }
            int toldToRetry = 0;
            for (Future<Verdict> attempt : attempts) {
                if (attempt.get(30, TimeUnit.SECONDS) == Verdict.THROTTLED) {
                    toldToRetry++;
                }
            }
            assertEquals(24, checks.get() + toldToRetry, "every attempt was either checked or told to retry");
        } finally {
            clients.shutdownNow();
        }
        assertTrue(checks.get() >= 1);
        assertEquals(1, mostAtOnce.get(), "password checks running at once");
    }

    @Test
    void aVerifiedCredentialGetsInWithoutACheckWhileItsAddressIsBlocked() throws Exception {
        InetAddress shared = address(30);
        assertEquals(Verdict.ACCEPTED, authentication.verify(credentials(USER, RIGHT_TEXT), shared));
        for (int i = 0; i < 20; i++) {
            authentication.verify(credentials(USER, "flood " + i), shared);
        }
        int checksBefore = checks.get();
        assertEquals(Verdict.ACCEPTED, authentication.verify(credentials(USER, RIGHT_TEXT), shared));
        assertEquals(checksBefore, checks.get(), "the remembered credential needed no check");
        assertTrue(checksBefore <= 1 + FailedLoginLimiter.FREE_FAILURES, "checks: " + checksBefore);
    }
}
