package io.github.dismagent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogTextTest {
    @Test
    void controlAndLineBreakingCharactersAreEscaped() {
        assertEquals("'a\\u000d\\u000ab\\u0000c\\u2028d\\u0085e'", LogText.quoted("a\r\nb\u0000c\u2028d\u0085e"));
        assertEquals("(null)", LogText.quoted(null));
        assertEquals("C:\\Mount\\Ωmega\\𝄞 ok", LogText.shown("C:\\Mount\\Ωmega\\𝄞 ok"), "printable text stays as it is");
    }

    @Test
    void longTextIsCutInTheMiddle() {
        String shown = LogText.shown("a".repeat(40_000) + "END");
        assertTrue(shown.length() < 250, shown);
        assertTrue(shown.contains("…(40003 characters)…") && shown.endsWith("END"), shown);
    }

    @Test
    void oneLineKeepsWordsApartAndEscapesTheRest() {
        assertEquals("first second\\u000dthird", LogText.oneLine("first\nsecond\rthird"));
    }

    @Test
    void terminalEscapesBidiControlsAndFormFeedsAreEscaped() {
        assertEquals("\\u001b[2J\\u001b]0;x\\u0007\\u000b\\u000c\\u007f\\u202e\\u2066\\u200f\\u2029",
                LogText.shown("\u001b[2J\u001b]0;x\u0007\u000b\u000c\u007f\u202e\u2066\u200f\u2029"));
        assertEquals("\\ud800 alone", LogText.shown("\ud800 alone"), "a lone surrogate, which some terminals garble");
    }

    @Test
    void aWholeLineKeepsNoLineBreakAndIsBounded() {
        assertEquals("a\\u000aERROR forged", LogText.line("a\nERROR forged"));
        String line = LogText.line("p".repeat(32_000) + "\n");
        assertTrue(line.length() <= LogText.LONGEST_LINE + 20, "length " + line.length());
        assertTrue(line.contains("…(32001 characters)…") && line.endsWith("\\u000a"), line);
    }
}
