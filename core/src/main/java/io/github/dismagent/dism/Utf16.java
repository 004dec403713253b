package io.github.dismagent.dism;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;

/**
 * DISM's strings: zero-terminated UTF-16LE ({@code PCWSTR}). Java strings are UTF-16 already, so
 * reading one is copying code units up to the terminator, and surrogate pairs survive as they are.
 */
final class Utf16 {
    /** The longest string read from DISM; a longer one has lost its terminator. */
    static final int MAX_UNITS = 65_535;

    private Utf16() {
    }

    /**
     * Copies the zero-terminated UTF-16LE string at this address, or returns null for address 0.
     *
     * <p>The memory is viewed through a direct buffer and read one code unit at a time up to the
     * terminator, never past it: reading ahead in blocks could cross the end of DISM's allocation.
     *
     * @throws MalformedStringException when no terminator comes within {@link #MAX_UNITS} units
     */
    static String read(long address) {
        if (address == 0) {
            return null;
        }
        CharBuffer units = new Pointer(address).getByteBuffer(0, 2L * (MAX_UNITS + 1))
                .order(ByteOrder.LITTLE_ENDIAN).asCharBuffer();
        int length = 0;
        while (units.get(length) != 0) {
            if (++length > MAX_UNITS) {
                throw new MalformedStringException("a string of more than " + MAX_UNITS + " UTF-16 units without a terminator");
            }
        }
        char[] chars = new char[length];
        units.get(chars, 0, length);
        return new String(chars);
    }

    /**
     * A zero-terminated UTF-16LE copy of the string in native memory, for a {@code PCWSTR} argument.
     * Code units are copied as they are, so a path with an unpaired surrogate (NTFS allows one)
     * reaches DISM exactly as DISM reported it.
     */
    static Memory toNative(String value) {
        long bytes = 2L * value.length();
        Memory memory = new Memory(bytes + 2);
        memory.getByteBuffer(0, bytes).order(ByteOrder.LITTLE_ENDIAN).asCharBuffer().put(value);
        memory.setShort(bytes, (short) 0);
        return memory;
    }

    /**
     * Reads many strings through one view of the native memory they lie in, instead of one view (two
     * JNI calls) per string: DISM allocates a table's strings close together. Only the code units up to
     * each terminator are read, as with {@link #read(long)}; the view is address arithmetic. When the
     * strings are spread too far apart for one buffer, each gets a view of its own.
     */
    static final class Strings {
        private final long base;
        private final CharBuffer view;

        private Strings(long base, CharBuffer view) {
            this.base = base;
            this.view = view;
        }

        static Strings spanning(long[] addresses) {
            long low = Long.MAX_VALUE;
            long high = 0;
            for (long address : addresses) {
                if (address != 0) {
                    low = Math.min(low, address);
                    high = Math.max(high, address);
                }
            }
            long span = high - low + 2L * (MAX_UNITS + 1);
            if (low == Long.MAX_VALUE || span > Integer.MAX_VALUE - 8) {
                return new Strings(0, null);
            }
            CharBuffer view = new Pointer(low).getByteBuffer(0, span).order(ByteOrder.LITTLE_ENDIAN).asCharBuffer();
            return new Strings(low, view);
        }

        String read(long address) {
            if (address == 0) {
                return null;
            }
            long offset = address - base;
            if (view == null || (offset & 1) != 0) {
                return Utf16.read(address); // not on the view's 2-byte grid: a view of its own
            }
            int start = (int) (offset / 2);
            int length = 0;
            while (view.get(start + length) != 0) {
                if (++length > MAX_UNITS) {
                    throw new MalformedStringException("a string of more than " + MAX_UNITS + " UTF-16 units without a terminator");
                }
            }
            char[] chars = new char[length];
            view.get(start, chars, 0, length);
            return new String(chars);
        }
    }

    /** What DISM handed back could not be a string. */
    static final class MalformedStringException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedStringException(String message) {
            super(message);
        }
    }
}
