package io.github.dismagent.jmx;

import io.github.dismagent.dism.MountStatus;
import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.Durations;
import io.github.dismagent.monitor.MonitorOperations;
import io.github.dismagent.monitor.OperatorAdvice;
import io.github.dismagent.monitor.Snapshot;
import java.util.Date;
import java.util.function.Supplier;

/**
 * The {@code DismImages} MBean: getters read the monitor's snapshot; operations are logged with
 * their caller ({@link LoggingOperationRunner}) and run through {@link MonitorOperations}.
 */
final class DismImages implements DismImagesMBean {
    private final DismMonitor monitor;
    private final MonitorOperations operations;
    private final Supplier<String> httpEndpoint;

    DismImages(DismMonitor monitor, MonitorOperations operations, Supplier<String> httpEndpoint) {
        this.monitor = monitor;
        this.operations = operations;
        this.httpEndpoint = httpEndpoint;
    }

    private Snapshot snapshot() {
        return monitor.snapshot();
    }

    @Override
    public boolean isAvailable() {
        return snapshot().available();
    }

    @Override
    public String getBackend() {
        return snapshot().backend();
    }

    @Override
    public MountedImageRow[] getMountedImages() {
        return snapshot().images().stream().map(MountedImageRow::of).toArray(MountedImageRow[]::new);
    }

    @Override
    public int getMountedCount() {
        return snapshot().mountedCount();
    }

    @Override
    public int getOkCount() {
        return snapshot().count(MountStatus.OK);
    }

    @Override
    public int getNeedsRemountCount() {
        return snapshot().count(MountStatus.NEEDS_REMOUNT);
    }

    @Override
    public int getInvalidCount() {
        return snapshot().count(MountStatus.INVALID);
    }

    @Override
    public Date getLastRefresh() {
        return snapshot().lastRefresh().map(Times::date).orElse(null);
    }

    @Override
    public String getLastError() {
        return snapshot().lastError();
    }

    @Override
    public String getRefreshInterval() {
        return Durations.format(monitor.settings().refreshInterval());
    }

    @Override
    public void setRefreshInterval(String interval) {
        LoggingOperationRunner.run("set RefreshInterval", interval, () -> {
            monitor.setRefreshInterval(Durations.parse(interval));
            return "RefreshInterval is now " + getRefreshInterval();
        });
    }

    @Override
    public boolean isAutoRemount() {
        return monitor.settings().autoRemount();
    }

    @Override
    public void setAutoRemount(boolean autoRemount) {
        LoggingOperationRunner.run("set AutoRemount", String.valueOf(autoRemount), () -> {
            monitor.setAutoRemount(autoRemount);
            return "AutoRemount is now " + autoRemount;
        });
    }

    @Override
    public String getMountLimitWarning() {
        return OperatorAdvice.mountLimitWarning(snapshot());
    }

    @Override
    public String getHttpEndpoint() {
        return httpEndpoint.get();
    }

    @Override
    public String refresh() {
        return LoggingOperationRunner.run("refresh", null, operations::refresh);
    }

    @Override
    public String remount(String mountPath) {
        return LoggingOperationRunner.run("remount", mountPath, () -> operations.remount(mountPath));
    }

    @Override
    public String remountAll() {
        return LoggingOperationRunner.run("remountAll", null, operations::remountAll);
    }

    @Override
    public String cleanupMountpoints() {
        return LoggingOperationRunner.run("cleanupMountpoints", null, operations::cleanupMountpoints);
    }

    @Override
    public String unmountDiscard(String mountPath) {
        return LoggingOperationRunner.run("unmountDiscard", mountPath, () -> operations.unmountDiscard(mountPath));
    }
}
