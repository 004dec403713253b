package io.github.dismagent.monitor;

import java.util.Locale;

/** How a remount or an unmount-with-discard request ended: whether DISM was called and how it answered. */
public enum OperationResult {
    /** DISM did what was asked. */
    SUCCESS,
    /** DISM was called and failed. */
    FAILURE,
    /** Refused without calling DISM: disabled, read-only, unknown path, wrong status, already running. */
    REFUSED;

    /** {@code success} or {@code failure}, the {@code result} label of {@code dism_remount_total} and {@code dism_unmount_total}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
