package io.github.dismagent.dism;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies the array that {@code DismGetMountedImageInfo} returns into {@link MountedImage} records,
 * element by element at the packed stride, before the caller hands the array to {@code DismDelete}.
 */
final class MountedImageReader {
    /**
     * More rows than any machine mounts: a count above it means DISM's answer is corrupt, and
     * reading it would walk far past the array.
     */
    static final long MAX_IMAGES = 10_000_000;

    private MountedImageReader() {
    }

    /**
     * @param array the array DISM returned, not null
     * @param count DISM's {@code UINT} count (unsigned)
     * @throws DismException with {@link HResult#E_UNEXPECTED} when the array cannot be what DISM promised
     */
    static List<MountedImage> read(Pointer array, int count) throws DismException {
        long rows = Integer.toUnsignedLong(count);
        if (rows > MAX_IMAGES) {
            throw malformed("a count of " + rows + " mounted images");
        }
        DismMountedImageInfo.Layout layout = DismMountedImageInfo.LAYOUT;
        ByteBuffer elements = array.getByteBuffer(0, rows * layout.size()).order(ByteOrder.nativeOrder());
        Utf16.Strings strings = Utf16.Strings.spanning(stringAddresses(elements, (int) rows, layout));
        List<MountedImage> images = new ArrayList<>((int) rows);
        for (int i = 0; i < rows; i++) {
            int base = i * layout.size();
            try {
                images.add(new MountedImage(
                        strings.read(pointerAt(elements, base + layout.mountPath())),
                        strings.read(pointerAt(elements, base + layout.imageFilePath())),
                        Integer.toUnsignedLong(elements.getInt(base + layout.imageIndex())),
                        elements.getInt(base + layout.mountMode()),
                        elements.getInt(base + layout.mountStatus())));
            } catch (Utf16.MalformedStringException e) {
                throw malformed("element " + i + " holds " + e.getMessage());
            }
        }
        return images;
    }

    private static long[] stringAddresses(ByteBuffer elements, int rows, DismMountedImageInfo.Layout layout) {
        long[] addresses = new long[rows * 2];
        for (int i = 0; i < rows; i++) {
            int base = i * layout.size();
            addresses[2 * i] = pointerAt(elements, base + layout.mountPath());
            addresses[2 * i + 1] = pointerAt(elements, base + layout.imageFilePath());
        }
        return addresses;
    }

    private static long pointerAt(ByteBuffer buffer, int offset) {
        return Native.POINTER_SIZE == 8 ? buffer.getLong(offset) : Integer.toUnsignedLong(buffer.getInt(offset));
    }

    private static DismException malformed(String what) {
        return new DismException("DismGetMountedImageInfo", HResult.E_UNEXPECTED, "DISM returned " + what + "; the mount table was not read.");
    }
}
