package io.github.dismagent.dism;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The layout of one element of the array that {@code DismGetMountedImageInfo} returns:
 *
 * <pre>
 * #pragma pack(push, 1)
 * typedef struct _DismMountedImageInfo {
 *     PCWSTR MountPath;
 *     PCWSTR ImageFilePath;
 *     UINT ImageIndex;
 *     DismMountMode MountMode;      // 4-byte enum
 *     DismMountStatus MountStatus;  // 4-byte enum
 * } DismMountedImageInfo;
 * </pre>
 *
 * <p>Packed, it is 28 bytes on 64-bit and 20 on 32-bit; natural alignment would give 32 on 64-bit
 * and misread every element after the first. The class exists to state the layout the JNA way;
 * {@link MountedImageReader} reads the array through the offsets it computes, without
 * instantiating a Structure per element.
 */
@Structure.FieldOrder({"MountPath", "ImageFilePath", "ImageIndex", "MountMode", "MountStatus"})
public final class DismMountedImageInfo extends Structure {
    public Pointer MountPath;
    public Pointer ImageFilePath;
    public int ImageIndex;
    public int MountMode;
    public int MountStatus;

    /** The packed layout of this platform, computed once. */
    static final Layout LAYOUT = new DismMountedImageInfo().layout();

    /** Byte offsets of the fields and the array stride. */
    record Layout(int size, int mountPath, int imageFilePath, int imageIndex, int mountMode, int mountStatus) {
    }

    public DismMountedImageInfo() {
        super(Structure.ALIGN_NONE);
    }

    /**
     * The packed layout for pointers of this size: 28 bytes for 8-byte pointers, 20 for 4-byte
     * ones. The real {@code dismapi.h} is checked against it for both (RealHeaderTest), and JNA's
     * own computation must agree with it on this JVM.
     */
    static Layout packed(int pointerSize) {
        return new Layout(2 * pointerSize + 12, 0, pointerSize, 2 * pointerSize, 2 * pointerSize + 4, 2 * pointerSize + 8);
    }

    private Layout layout() {
        Layout layout = new Layout(size(), fieldOffset("MountPath"), fieldOffset("ImageFilePath"),
                fieldOffset("ImageIndex"), fieldOffset("MountMode"), fieldOffset("MountStatus"));
        if (!layout.equals(packed(Native.POINTER_SIZE))) {
            throw new IllegalStateException("DismMountedImageInfo is not packed as dismapi.h declares it: " + layout
                    + ", expected " + packed(Native.POINTER_SIZE));
        }
        return layout;
    }
}
