package io.github.dismagent.agent.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password stored as PBKDF2-HMAC-SHA256 with its salt and iteration count, in the form
 * {@code pbkdf2-sha256:<iterations>:<salt, base64>:<hash, base64>} that
 * {@code java -jar dismagent.jar hash-password} prints and the option {@code httpPasswordHash}
 * takes. Only the JDK's own PBKDF2 is used; nothing of the password is kept.
 */
public final class PasswordHash {
    public static final String SCHEME = "pbkdf2-sha256";
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Below this a stolen hash is too cheap to attack; such a hash is refused. */
    public static final int MINIMUM_ITERATIONS = 100_000;
    private static final int MAXIMUM_ITERATIONS = 10_000_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    static final String FORM = SCHEME + ":<iterations>:<salt, base64>:<hash, base64>, as printed by "
            + "java -jar dismagent.jar hash-password";

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes a password with a new random salt. */
    public static PasswordHash of(char[] password, int iterations, SecureRandom random) {
        checkIterations(iterations);
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PasswordHash(iterations, salt, pbkdf2(password, salt, iterations));
    }

    /**
     * @throws IllegalArgumentException naming what is wrong and the accepted form
     */
    public static PasswordHash parse(String text) {
        String[] parts = text.strip().split(":", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not a password hash; expected " + FORM);
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count '" + parts[1] + "' is not a number; expected " + FORM);
        }
        checkIterations(iterations);
        byte[] salt = base64(parts[2], "salt");
        byte[] hash = base64(parts[3], "hash");
        if (salt.length < 8) {
            throw new IllegalArgumentException("the salt is " + salt.length + " bytes; at least 8 are needed (" + FORM + ")");
        }
        if (hash.length != HASH_BYTES) {
            throw new IllegalArgumentException("the hash is " + hash.length + " bytes; a PBKDF2-HMAC-SHA256 hash here is "
                    + HASH_BYTES + " (" + FORM + ")");
        }
        return new PasswordHash(iterations, salt, hash);
    }

    private static void checkIterations(int iterations) {
        if (iterations < MINIMUM_ITERATIONS || iterations > MAXIMUM_ITERATIONS) {
            throw new IllegalArgumentException("the iteration count " + iterations + " is out of range; expected "
                    + MINIMUM_ITERATIONS + " to " + MAXIMUM_ITERATIONS + " (the hash-password command uses " + DEFAULT_ITERATIONS + ")");
        }
    }

    private static byte[] base64(String text, String what) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " is not base64; expected " + FORM);
        }
    }

    /** Whether the password is this one; the comparison takes the same time wherever the hashes differ. */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, pbkdf2(password, salt, iterations));
    }

    /** Whether the password, given as UTF-8 bytes (as HTTP carries it), is this one. */
    public boolean matches(byte[] utf8Password) {
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(utf8Password));
        char[] password = new char[chars.remaining()];
        chars.get(password);
        try {
            return matches(password);
        } finally {
            Arrays.fill(password, '\0');
            if (chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }

    public int iterations() {
        return iterations;
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** The stored form, {@code pbkdf2-sha256:<iterations>:<salt>:<hash>}. */
    public String encoded() {
        Base64.Encoder encoder = Base64.getEncoder();
        return SCHEME + ":" + iterations + ":" + encoder.encodeToString(salt) + ":" + encoder.encodeToString(hash);
    }

    /** Never the hash: it could be attacked offline. */
    @Override
    public String toString() {
        return SCHEME + " hash (" + iterations + " iterations)";
    }
}
