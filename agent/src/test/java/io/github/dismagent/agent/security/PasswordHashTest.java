package io.github.dismagent.agent.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHashTest {
    private static final int FAST = PasswordHash.MINIMUM_ITERATIONS;

    @Test
    void aHashMatchesItsPasswordAndNoOther() {
        PasswordHash hash = PasswordHash.of("correct horse".toCharArray(), FAST, new SecureRandom());
        assertTrue(hash.matches("correct horse".toCharArray()));
        assertFalse(hash.matches("correct horse ".toCharArray()));
        assertFalse(hash.matches("Correct horse".toCharArray()));
        assertFalse(hash.matches(new char[0]));
    }

    @Test
    void theStoredFormRoundTripsWithSaltAndIterations() {
        PasswordHash hash = PasswordHash.of("pässwörd ✓ 𝄞".toCharArray(), FAST, new SecureRandom());
        String stored = hash.encoded();
        assertTrue(stored.startsWith("pbkdf2-sha256:" + FAST + ":"), stored);
        PasswordHash parsed = PasswordHash.parse(stored);
        assertEquals(FAST, parsed.iterations());
        assertTrue(parsed.matches("pässwörd ✓ 𝄞".getBytes(StandardCharsets.UTF_8)), "HTTP carries UTF-8");
        assertEquals(stored, parsed.encoded());
    }

    @Test
    void twoHashesOfOnePasswordDifferByTheirSalt() {
        SecureRandom random = new SecureRandom();
        assertNotEquals(PasswordHash.of("same".toCharArray(), FAST, random).encoded(), PasswordHash.of("same".toCharArray(), FAST, random).encoded());
    }

    @Test
    void malformedHashesAreRefusedWithTheAcceptedForm() {
        String good = PasswordHash.of("x".toCharArray(), FAST, new SecureRandom()).encoded();
        String[] parts = good.split(":");
        assertRefused("secret", "not a password hash");
        assertRefused("bcrypt:" + FAST + ":" + parts[2] + ":" + parts[3], "not a password hash");
        assertRefused("pbkdf2-sha256:many:" + parts[2] + ":" + parts[3], "is not a number");
        assertRefused("pbkdf2-sha256:1000:" + parts[2] + ":" + parts[3], "out of range");
        assertRefused("pbkdf2-sha256:" + FAST + ":***:" + parts[3], "salt is not base64");
        assertRefused("pbkdf2-sha256:" + FAST + ":" + parts[2] + ":AAAA", "hash is 3 bytes");
        assertRefused("pbkdf2-sha256:" + FAST + ":AAAA:" + parts[3], "salt is 3 bytes");
        assertRefused(good + ":extra", "not a password hash");
    }

    private static void assertRefused(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse(text), text);
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().contains("hash-password") || e.getMessage().contains("iterations"), e.getMessage());
    }

    @Test
    void itsStringNeverShowsTheHash() {
        PasswordHash hash = PasswordHash.of("x".toCharArray(), FAST, new SecureRandom());
        String[] parts = hash.encoded().split(":");
        assertFalse(hash.toString().contains(parts[3]));
        assertFalse(hash.toString().contains(parts[2]));
    }
}
