package io.github.dismagent.monitor;

/**
 * What an operator should do, for the views that show it (the {@code Advice} attribute of each
 * image's MBean, the status page): the text itself is in {@link OperatorMessages}.
 */
public final class OperatorAdvice {
    /** Microsoft's guidance: no more than this many images mounted on one machine. */
    public static final int MOUNT_LIMIT = 20;

    private OperatorAdvice() {
    }

    /**
     * What to do about this image's status, with its path filled in: the JMX operations where these
     * settings allow them, else the DISM.exe and PowerShell commands; "" for an Ok image.
     */
    public static String advice(MonitoredImage image, MonitorSettings settings) {
        return OperatorMessages.advice(image, settings);
    }

    /**
     * What to do while DISM is unavailable, for views that show the snapshot's {@code lastError}
     * ({@code 0xXXXXXXXX NAME: message}, docs/reference.md): the same advice the log line gives; ""
     * when DISM is available or the error carries no HRESULT (its text then says what to do).
     */
    public static String whenUnavailable(Snapshot snapshot) {
        String error = snapshot.lastError();
        if (snapshot.available() || error == null || !error.startsWith("0x") || error.length() < 10) {
            return "";
        }
        try {
            return OperatorMessages.adviceFor(Integer.parseUnsignedInt(error.substring(2, 10), 16));
        } catch (NumberFormatException e) {
            return "";
        }
    }

    /** Whether more images are mounted than Microsoft advises ({@value #MOUNT_LIMIT}). */
    public static boolean overMountLimit(Snapshot snapshot) {
        return snapshot.mountedCount() > MOUNT_LIMIT;
    }

    /** The warning when more than {@value #MOUNT_LIMIT} images are mounted; "" otherwise. */
    public static String mountLimitWarning(Snapshot snapshot) {
        return overMountLimit(snapshot) ? OperatorMessages.tooManyMounted(snapshot.mountedCount(), MOUNT_LIMIT) : "";
    }
}
