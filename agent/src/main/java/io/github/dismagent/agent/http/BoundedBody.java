package io.github.dismagent.agent.http;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * Where a scrape is serialized: grows like a {@code ByteArrayOutputStream}, but never to more than
 * its limit, so that no scrape allocates a buffer larger than that, whatever the registry holds;
 * one write past the limit throws {@link TooLarge} and the buffer is dropped.
 */
final class BoundedBody extends OutputStream {
    private final int limit;
    private byte[] buffer = new byte[16 * 1024];
    private int size;

    /** Thrown when the body would be larger than the limit. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(int limit) {
            super("the scrape is larger than " + limit + " bytes, the agent's limit for one response", null, false, false);
        }
    }

    BoundedBody(int limit) {
        this.limit = limit;
    }

    @Override
    public void write(int b) {
        ensure(size + 1);
        buffer[size++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensure(size + length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
    }

    private void ensure(int needed) {
        if (needed < 0 || needed > limit) {
            buffer = null;
            throw new TooLarge(limit);
        }
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(limit, Math.max(needed, 2L * buffer.length)));
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }
}
