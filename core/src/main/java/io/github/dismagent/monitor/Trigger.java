package io.github.dismagent.monitor;

import java.util.Locale;

/** Who asked for a remount: an operator, or auto-remount. */
public enum Trigger {
    MANUAL, AUTO;

    /** {@code manual} or {@code auto}, the {@code trigger} label of {@code dism_remount_total}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
