package io.github.dismagent.agent.security;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Bounds the CPU that failed basic authentication can take. Each password check is a full PBKDF2
 * run (600,000 iterations by default, about a tenth of a second of one core), so without a bound a
 * few unauthenticated connections keep every core busy (README, "Security").
 *
 * <ul>
 *   <li>At most one PBKDF2 check runs at a time in the whole agent: failed logins can never take
 *       more than one core, whatever the number of clients or addresses. A request that finds the
 *       check busy is told to retry ({@code 429}) rather than wait: a waiting request would hold one
 *       of the agent's few HTTP workers, and verified scrapers would queue behind the guesses.</li>
 *   <li>An address whose last {@value #FREE_FAILURES} checks failed is refused without a check for
 *       a while, 1 s at first, doubling up to {@value #MAX_BLOCK_SECONDS} s; a success clears it.</li>
 *   <li>A credential that failed is remembered (by its HMAC, see {@link BasicAuthentication}) and
 *       refused again at no cost.</li>
 * </ul>
 *
 * <p>A credential that was verified once is remembered by {@link BasicAuthentication} and never
 * reaches this class again, so Prometheus' scrapes stay fast during a flood from elsewhere, or
 * even from its own address.
 */
final class FailedLoginLimiter {
    static final int FREE_FAILURES = 10;
    static final int MAX_BLOCK_SECONDS = 60;
    private static final int REMEMBERED_ADDRESSES = 4096;
    private static final int REMEMBERED_FAILURES = 1024;

    private final Semaphore check = new Semaphore(1);
    private final LongSupplier nanoClock;
    private final Map<InetAddress, Failures> failuresByAddress = lru(REMEMBERED_ADDRESSES);
    private final Map<String, Boolean> failedCredentials = lru(REMEMBERED_FAILURES);

    FailedLoginLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Seconds the address must wait before its credentials are checked again; 0 when it may try now. */
    synchronized long blockedSeconds(InetAddress address) {
        Failures failures = failuresByAddress.get(address);
        if (failures == null || !failures.blocked) {
            return 0;
        }
        long left = failures.blockedUntil - nanoClock.getAsLong();
        return left <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(left + 999_999_999L));
    }

    synchronized boolean failedBefore(String credentialKey) {
        return failedCredentials.containsKey(credentialKey);
    }

    /** Takes the one check slot; false when another check holds it. */
    boolean enterCheck() {
        return check.tryAcquire();
    }

    void leaveCheck() {
        check.release();
    }

    synchronized void failed(InetAddress address, String credentialKey) {
        failedCredentials.put(credentialKey, Boolean.TRUE);
        Failures before = failuresByAddress.get(address);
        int count = before == null ? 1 : before.count + 1;
        if (count < FREE_FAILURES) {
            failuresByAddress.put(address, new Failures(count, false, 0));
            return;
        }
        long seconds = Math.min(MAX_BLOCK_SECONDS, 1L << Math.min(count - FREE_FAILURES, 6));
        failuresByAddress.put(address, new Failures(count, true, nanoClock.getAsLong() + TimeUnit.SECONDS.toNanos(seconds)));
    }

    synchronized void succeeded(InetAddress address) {
        failuresByAddress.remove(address);
    }

    private record Failures(int count, boolean blocked, long blockedUntil) {
    }

    private static <K, V> Map<K, V> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
