package io.github.dismagent.monitor;

import java.time.Duration;
import java.util.List;

/**
 * Told what the monitor sees and does; the JMX and metrics views are listeners. Called on the
 * monitor's thread, one event at a time; a listener must return quickly and never call DISM. An
 * exception from a listener is logged and does not reach the monitor.
 */
public interface MonitorListener {

    /** A new snapshot is visible, with the images that appeared, disappeared or changed status since the last one. */
    default void snapshotPublished(Snapshot snapshot, List<StatusChange> changes) {
    }

    /** A refresh ended, read or failed, after this long. */
    default void refreshFinished(Duration duration, boolean succeeded) {
    }

    /** A remount was attempted or refused. */
    default void remountFinished(RemountOutcome outcome) {
    }

    /** An unmount with discard finished (DISM answered and the mount table was read again); refusals are not told. */
    default void unmountFinished(UnmountOutcome outcome) {
    }
}
