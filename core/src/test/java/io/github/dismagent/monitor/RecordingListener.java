package io.github.dismagent.monitor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event a monitor sends, for assertions. */
public final class RecordingListener implements MonitorListener {
    public final List<StatusChange> changes = new CopyOnWriteArrayList<>();
    public final List<RemountOutcome> remounts = new CopyOnWriteArrayList<>();
    public final List<Boolean> refreshes = new CopyOnWriteArrayList<>();
    public final List<UnmountOutcome> unmounts = new CopyOnWriteArrayList<>();

    @Override
    public void snapshotPublished(Snapshot snapshot, List<StatusChange> published) {
        changes.addAll(published);
    }

    @Override
    public void refreshFinished(Duration duration, boolean succeeded) {
        refreshes.add(succeeded);
    }

    @Override
    public void remountFinished(RemountOutcome outcome) {
        remounts.add(outcome);
    }

    @Override
    public void unmountFinished(UnmountOutcome outcome) {
        unmounts.add(outcome);
    }

    public List<String> describedChanges() {
        return changes.stream().map(StatusChange::describe).toList();
    }
}
