package io.github.dismagent.agent.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BoundedBodyTest {
    @Test
    void keepsWhatFits() {
        BoundedBody body = new BoundedBody(100_000);
        byte[] bytes = new byte[99_999];
        bytes[99_998] = 7;
        body.write(bytes, 0, bytes.length);
        body.write(1);
        byte[] expected = java.util.Arrays.copyOf(bytes, 100_000);
        expected[99_999] = 1;
        assertArrayEquals(expected, body.toByteArray());
    }

    @Test
    void refusesOneBytePastTheLimit() {
        BoundedBody body = new BoundedBody(20_000);
        body.write(new byte[20_000], 0, 20_000);
        assertThrows(BoundedBody.TooLarge.class, () -> body.write(0));
    }
}
