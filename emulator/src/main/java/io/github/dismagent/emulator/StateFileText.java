package io.github.dismagent.emulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Builds the text of the emulator's state file (docs/reference.md, "Emulator state file"): mounted images, one a line,
 * and the {@code @delay}/{@code @fail} injections.
 *
 * <pre>{@code
 * String text = new StateFileText()
 *         .mount("C:\\Mount\\win11", "D:\\images\\install.wim", 1, "ReadWrite", "NeedsRemount")
 *         .fail("DismRemountImage", 0x800F0902, "busy")
 *         .toString();
 * }</pre>
 */
public final class StateFileText {
    private final StringBuilder text = new StringBuilder("# MountPath\tImageFilePath\tImageIndex\tMountMode\tMountStatus\n");

    /**
     * Adds a mounted image. An empty path is returned by the emulator as a NULL pointer; mode and
     * status are names ({@code ReadWrite}, {@code NeedsRemount}) or numbers.
     */
    public StateFileText mount(String mountPath, String imageFilePath, long imageIndex, String mountMode, String mountStatus) {
        for (String field : new String[] {mountPath, imageFilePath, mountMode, mountStatus}) {
            Objects.requireNonNull(field, "a state file field cannot be null; use \"\" for a NULL pointer");
            if (field.indexOf('\t') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a state file field cannot contain a tab or a line break: " + field);
            }
        }
        text.append(mountPath).append('\t').append(imageFilePath).append('\t').append(imageIndex)
                .append('\t').append(mountMode).append('\t').append(mountStatus).append('\n');
        return this;
    }

    /** Every call of the function first sleeps this long. */
    public StateFileText delay(String function, Duration delay) {
        text.append("@delay ").append(function).append(' ').append(delay.toMillis()).append('\n');
        return this;
    }

    /** Every call of the function fails with this HRESULT and message (DISM's own text when empty). */
    public StateFileText fail(String function, int hresult, String message) {
        text.append("@fail ").append(function).append(' ')
                .append(String.format(Locale.ROOT, "0x%08X", hresult));
        if (!message.isEmpty()) {
            text.append(' ').append(message);
        }
        text.append('\n');
        return this;
    }

    /** A comment line. */
    /** {@code @already-initialized}: what DismInitialize returns while DISM is initialised already. */
    public StateFileText alreadyInitialized(int hresult) {
        text.append("@already-initialized ").append(String.format(Locale.ROOT, "0x%08X", hresult)).append('\n');
        return this;
    }

    public StateFileText comment(String comment) {
        text.append("# ").append(comment).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
