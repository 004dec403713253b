package io.github.dismagent.agent.http;

import io.github.dismagent.monitor.MonitoredImage;
import io.github.dismagent.monitor.Snapshot;
import java.util.function.Function;

/**
 * The texts the status page shows but does not own (the monitor does): per image what to do about its
 * status and the mount-changing operation running on it ({@code unmount 45%}), and what to do while DISM
 * is unavailable. Each function returns "" when there is nothing to say.
 *
 * @param advice      an image's advice, as its MBean's {@code Advice} attribute
 * @param operation   the operation running on an image with its progress, as its MBean's {@code Operation} attribute
 * @param dismAdvice  what to do about the snapshot's {@code lastError} while DISM is unavailable
 */
public record PageNotes(Function<MonitoredImage, String> advice, Function<MonitoredImage, String> operation,
                        Function<Snapshot, String> dismAdvice) {

    /** No advice and no operation known. */
    public static PageNotes none() {
        return new PageNotes(image -> "", image -> "", snapshot -> "");
    }
}
