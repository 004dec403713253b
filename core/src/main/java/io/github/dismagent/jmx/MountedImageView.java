package io.github.dismagent.jmx;

import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.ImageState;
import io.github.dismagent.monitor.MonitorOperations;
import java.util.Date;

/** A {@code MountedImage} MBean: reads its image from the monitor's snapshot by key. */
final class MountedImageView implements MountedImageMBean {
    private final DismMonitor monitor;
    private final MonitorOperations operations;
    private final String key;
    private volatile ImageState lastSeen;

    MountedImageView(DismMonitor monitor, MonitorOperations operations, ImageState image) {
        this.monitor = monitor;
        this.operations = operations;
        this.key = image.key();
        this.lastSeen = image;
    }

    /** The image as now known; as last seen if it just went away (the MBean is being unregistered). */
    private ImageState image() {
        ImageState now = monitor.snapshot().byKey().get(key);
        if (now != null) {
            lastSeen = now;
            return now;
        }
        return lastSeen;
    }

    @Override
    public String getMountPath() {
        return MountedImageRow.orEmpty(image().image().mountPath());
    }

    @Override
    public String getImageFilePath() {
        return MountedImageRow.orEmpty(image().image().imageFilePath());
    }

    @Override
    public int getImageIndex() {
        return MountedImageRow.imageIndex(image().image().imageIndex());
    }

    @Override
    public String getMountMode() {
        return image().image().mountModeName();
    }

    @Override
    public String getStatus() {
        return image().image().mountStatusName();
    }

    @Override
    public Date getStatusSince() {
        return Date.from(image().statusSince());
    }

    @Override
    public String getLastRemountResult() {
        return image().lastRemountResult();
    }

    @Override
    public String remount() {
        String path = image().image().mountPath();
        return LoggingOperationRunner.run("remount", path, () -> operations.remount(path));
    }
}
