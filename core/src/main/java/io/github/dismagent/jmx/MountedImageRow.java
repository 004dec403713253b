package io.github.dismagent.jmx;

import io.github.dismagent.monitor.MonitoredImage;
import java.util.Date;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeDataView;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

/**
 * A row of the {@code MountedImages} attribute, with the items spelt as PowerShell's
 * {@code Get-WindowsImage -Mounted} columns: {@code MountPath}, {@code ImageFilePath},
 * {@code ImageIndex}, {@code MountMode}, {@code Status}, {@code StatusSince}.
 *
 * <p>MXBean rules would name the items after the getters ({@code mountPath}); this class converts
 * itself ({@link CompositeDataView}) and is rebuilt from a row by {@link #from}, so that a typed
 * proxy ({@code JMX.newMXBeanProxy}) reads the rows of docs/reference.md ("MountedImages rows").
 */
public final class MountedImageRow implements CompositeDataView {
    static final String[] ITEMS = {"MountPath", "ImageFilePath", "ImageIndex", "MountMode", "Status", "StatusSince"};

    /** The open type of a row. */
    public static final CompositeType TYPE = type();

    private final String mountPath;
    private final String imageFilePath;
    private final int imageIndex;
    private final String mountMode;
    private final String status;
    private final Date statusSince;

    public MountedImageRow(String mountPath, String imageFilePath, int imageIndex, String mountMode, String status, Date statusSince) {
        this.mountPath = mountPath;
        this.imageFilePath = imageFilePath;
        this.imageIndex = imageIndex;
        this.mountMode = mountMode;
        this.status = status;
        this.statusSince = statusSince;
    }

    static MountedImageRow of(MonitoredImage image) {
        return new MountedImageRow(image.mountPathOrEmpty(), image.imageFilePathOrEmpty(), image.imageIndex(),
                image.mountModeName(), image.mountStatusName(), Times.date(image.statusSince()));
    }

    /** Rebuilds a row from its open data (used by MXBean proxies). */
    public static MountedImageRow from(CompositeData data) {
        return new MountedImageRow((String) data.get("MountPath"), (String) data.get("ImageFilePath"), (Integer) data.get("ImageIndex"),
                (String) data.get("MountMode"), (String) data.get("Status"), (Date) data.get("StatusSince"));
    }

    @Override
    public CompositeData toCompositeData(CompositeType ignored) {
        try {
            return new CompositeDataSupport(TYPE, ITEMS, new Object[] {mountPath, imageFilePath, imageIndex, mountMode, status, statusSince});
        } catch (OpenDataException e) {
            throw new IllegalStateException(e);
        }
    }

    public String getMountPath() {
        return mountPath;
    }

    public String getImageFilePath() {
        return imageFilePath;
    }

    public int getImageIndex() {
        return imageIndex;
    }

    public String getMountMode() {
        return mountMode;
    }

    public String getStatus() {
        return status;
    }

    public Date getStatusSince() {
        return statusSince;
    }

    private static CompositeType type() {
        try {
            return new CompositeType("io.github.dismagent.MountedImage", "A mounted Windows image, as DISM reports it", ITEMS,
                    new String[] {
                        "The mount directory",
                        "The .wim, .vhd or .vhdx file the image comes from",
                        "The index of the image in its file",
                        "ReadWrite or ReadOnly",
                        "Ok, NeedsRemount or Invalid (Unknown(n) for a status this version does not know)",
                        "When dismagent first saw the image with this status",
                    },
                    new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.INTEGER, SimpleType.STRING, SimpleType.STRING, SimpleType.DATE});
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
