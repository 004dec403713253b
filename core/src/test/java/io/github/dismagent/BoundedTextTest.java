package io.github.dismagent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoundedTextTest {
    @Test
    void shortValuesStayAsTheyAre() {
        assertEquals("C:\\Mount\\win11", BoundedText.shortened("C:\\Mount\\win11", 256, 12));
    }

    @Test
    void longValuesKeepStartEndAndAHashWithinTheBound() {
        String a = "C:\\Mount\\" + "x".repeat(16_000) + "A" + "x".repeat(16_000) + "\\win11";
        String b = a.replace("A", "B");
        String shortA = BoundedText.shortened(a, 256, 12);
        assertTrue(shortA.length() <= 256, shortA);
        assertTrue(shortA.startsWith("C:\\Mount\\xx") && shortA.contains("…") && shortA.matches("(?s).*\\\\win11#[0-9a-f]{12}"), shortA);
        assertNotEquals(shortA, BoundedText.shortened(b, 256, 12), "paths that differ only in the middle stay distinct");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String shortened = BoundedText.shortened("\ud834\udd1e".repeat(1_000), 100, 12);
        for (int i = 0; i < shortened.length(); i++) {
            char c = shortened.charAt(i);
            assertTrue(!Character.isSurrogate(c) || Character.isHighSurrogate(c) && Character.isLowSurrogate(shortened.charAt(i + 1))
                    || Character.isLowSurrogate(c) && Character.isHighSurrogate(shortened.charAt(i - 1)), shortened);
        }
    }
}
