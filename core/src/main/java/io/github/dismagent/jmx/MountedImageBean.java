package io.github.dismagent.jmx;

import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.MonitoredImage;
import io.github.dismagent.monitor.MonitorOperations;
import java.util.Date;

/** The {@code MountedImage} MBean of one image: reads the image from the monitor's snapshot by key. */
final class MountedImageBean implements MountedImageMBean {
    private final DismMonitor monitor;
    private final MonitorOperations operations;
    private final String key;
    private volatile MonitoredImage lastSeen;

    MountedImageBean(DismMonitor monitor, MonitorOperations operations, MonitoredImage image) {
        this.monitor = monitor;
        this.operations = operations;
        this.key = image.key();
        this.lastSeen = image;
    }

    /** The image as now known; as last seen if it just went away (the MBean is being unregistered). */
    private MonitoredImage image() {
        MonitoredImage now = monitor.snapshot().byKey().get(key);
        if (now != null) {
            lastSeen = now;
            return now;
        }
        return lastSeen;
    }

    @Override
    public String getMountPath() {
        return image().mountPathOrEmpty();
    }

    @Override
    public String getImageFilePath() {
        return image().imageFilePathOrEmpty();
    }

    @Override
    public int getImageIndex() {
        return image().imageIndex();
    }

    @Override
    public String getMountMode() {
        return image().mountModeName();
    }

    @Override
    public String getStatus() {
        return image().mountStatusName();
    }

    @Override
    public Date getStatusSince() {
        return Times.date(image().statusSince());
    }

    @Override
    public String getLastRemountResult() {
        return image().lastRemountResult();
    }

    @Override
    public String remount() {
        String path = image().mountPath();
        return LoggingOperationRunner.run("remount", path, () -> operations.remount(path));
    }

    @Override
    public String getAdvice() {
        return monitor.advice(image());
    }

    @Override
    public String getOperation() {
        return monitor.operationOf(image()).orElse("");
    }

    @Override
    public String unmountDiscard() {
        String path = image().mountPath();
        return LoggingOperationRunner.run("unmountDiscard", path, () -> operations.unmountDiscard(path));
    }
}
