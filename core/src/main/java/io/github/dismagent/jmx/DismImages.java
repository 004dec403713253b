package io.github.dismagent.jmx;

import io.github.dismagent.dism.MountStatus;
import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.Durations;
import io.github.dismagent.monitor.MonitorOperations;
import io.github.dismagent.monitor.Snapshot;
import java.util.Date;
import java.util.function.Supplier;

/** The {@code DismImages} MBean: getters read the monitor's snapshot, operations go through {@link MonitorOperations}. */
final class DismImages implements DismImagesMBean {
    private final DismMonitor monitor;
    private final OperationLog operations;
    private final Supplier<String> httpEndpoint;

    DismImages(DismMonitor monitor, OperationLog operations, Supplier<String> httpEndpoint) {
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
        return snapshot().lastRefresh().map(Date::from).orElse(null);
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
        operations.run("set RefreshInterval", interval, () -> {
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
        operations.run("set AutoRemount", String.valueOf(autoRemount), () -> {
            monitor.setAutoRemount(autoRemount);
            return "AutoRemount is now " + autoRemount;
        });
    }

    @Override
    public String getHttpEndpoint() {
        return httpEndpoint.get();
    }

    @Override
    public String refresh() {
        return operations.run("refresh", null, operations.commands()::refresh);
    }

    @Override
    public String remount(String mountPath) {
        return operations.run("remount", mountPath, () -> operations.commands().remount(mountPath));
    }

    @Override
    public String remountAll() {
        return operations.run("remountAll", null, operations.commands()::remountAll);
    }

    @Override
    public String cleanupMountpoints() {
        return operations.run("cleanupMountpoints", null, operations.commands()::cleanupMountpoints);
    }
}
