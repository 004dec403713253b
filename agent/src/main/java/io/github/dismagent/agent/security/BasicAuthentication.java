package io.github.dismagent.agent.security;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP basic authentication (RFC 7617) of one user whose password is kept as a
 * {@link PasswordHash}. Anything but a well-formed {@code Authorization: Basic} header with that
 * user and password gets 401 with {@code WWW-Authenticate}; the user name is compared in constant
 * time and the password hash is computed even for a wrong user, so that the response time tells
 * nothing about which part was wrong.
 *
 * <p>PBKDF2 costs a few hundred milliseconds by design, and Prometheus sends the same credentials
 * every scrape: a credential that was verified is remembered, as an HMAC under a key that lives only
 * in this process, for the next scrapes. What failed checks may cost is bounded by
 * {@link FailedLoginLimiter}: one check at a time, a growing pause for an address that keeps failing
 * (answered {@code 429} with {@code Retry-After}), and no second check of a credential that failed.
 */
public final class BasicAuthentication extends Authenticator {
    static final String REALM = "dismagent";
    private static final int REMEMBERED = 16;
    /** Longer than any sane user:password; a bigger header is not decoded. */
    private static final int MAX_CREDENTIALS = 4096;

    private final byte[] user;
    private final String userName;
    private final Predicate<byte[]> passwordCheck;
    private final FailedLoginLimiter limiter;
    private final SecretKeySpec rememberKey;
    private final Map<String, Boolean> verified = Collections.synchronizedMap(new LinkedHashMap<>(REMEMBERED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    public BasicAuthentication(String user, PasswordHash password) {
        this(user, password::matches, System::nanoTime);
    }

    /** With the password check and the clock given, for tests that count checks and move time. */
    BasicAuthentication(String user, Predicate<byte[]> passwordCheck, LongSupplier nanoClock) {
        this.userName = user;
        this.user = user.getBytes(StandardCharsets.UTF_8);
        this.passwordCheck = passwordCheck;
        this.limiter = new FailedLoginLimiter(nanoClock);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.rememberKey = new SecretKeySpec(key, "HmacSHA256");
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] credentials = decode(header);
        if (credentials == null) {
            return challenge(exchange);
        }
        try {
            return switch (verify(credentials, exchange.getRemoteAddress().getAddress())) {
                case ACCEPTED -> new Success(new HttpPrincipal(userName, REALM));
                case REJECTED -> challenge(exchange);
                case THROTTLED -> tooManyFailures(exchange);
            };
        } finally {
            Arrays.fill(credentials, (byte) 0);
        }
    }

    enum Verdict { ACCEPTED, REJECTED, THROTTLED }

    /** Whether these {@code user:password} bytes, sent from that address, get in. */
    Verdict verify(byte[] credentials, InetAddress from) {
        String key = remembered(credentials);
        if (verified.containsKey(key)) {
            return Verdict.ACCEPTED;
        }
        if (limiter.failedBefore(key)) {
            limiter.failed(from, key);
            return Verdict.REJECTED;
        }
        if (limiter.blockedSeconds(from) > 0) {
            return Verdict.THROTTLED;
        }
        if (!limiter.enterCheck()) {
            return Verdict.THROTTLED;
        }
        boolean matches;
        try {
            matches = check(credentials);
        } finally {
            limiter.leaveCheck();
        }
        if (matches) {
            verified.put(key, Boolean.TRUE);
            limiter.succeeded(from);
            return Verdict.ACCEPTED;
        }
        limiter.failed(from, key);
        return Verdict.REJECTED;
    }

    /** The decoded {@code user:password} bytes of a Basic header, or null when there is none or it is malformed. */
    static byte[] decode(String header) {
        if (header == null || header.length() > MAX_CREDENTIALS * 2) {
            return null;
        }
        String[] parts = header.strip().split(" +", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Basic")) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(parts[1].strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private boolean check(byte[] credentials) {
        int colon = indexOf(credentials, (byte) ':');
        if (colon < 0) {
            return false;
        }
        byte[] givenUser = Arrays.copyOfRange(credentials, 0, colon);
        byte[] givenPassword = Arrays.copyOfRange(credentials, colon + 1, credentials.length);
        try {
            boolean userMatches = MessageDigest.isEqual(user, givenUser);
            boolean passwordMatches = passwordCheck.test(givenPassword); // computed whatever the user, for constant time
            return userMatches && passwordMatches;
        } finally {
            Arrays.fill(givenPassword, (byte) 0);
        }
    }

    private String remembered(byte[] credentials) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(rememberKey);
            return Base64.getEncoder().encodeToString(mac.doFinal(credentials));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no HmacSHA256", e);
        }
    }

    private static Result challenge(HttpExchange exchange) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        return new Retry(401);
    }

    private Result tooManyFailures(HttpExchange exchange) {
        long seconds = Math.max(1, limiter.blockedSeconds(exchange.getRemoteAddress().getAddress()));
        exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
        return new Retry(429);
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
