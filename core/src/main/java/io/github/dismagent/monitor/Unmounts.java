package io.github.dismagent.monitor;

import io.github.dismagent.LogText;
import io.github.dismagent.dism.DismSession;
import io.github.dismagent.dism.MountPath;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unmounts one image and throws away its changes ({@code DismUnmountImage} with
 * {@code DISM_DISCARD_IMAGE}) through the {@link MountOperations} runner, on the monitor thread:
 * whatever the image's status, only with {@code allowUnmount}, with DISM's progress shown while it runs.
 */
final class Unmounts {
    private static final Logger log = LoggerFactory.getLogger(Unmounts.class);
    static final String NAME = "unmount";

    private final DismSession dism;
    private final MountOperations operations;
    private final MonitorState state;
    private final Clock clock;
    private final Supplier<MonitorSettings> settings;

    Unmounts(DismSession dism, MountOperations operations, MonitorState state, Clock clock, Supplier<MonitorSettings> settings) {
        this.dism = dism;
        this.operations = operations;
        this.state = state;
        this.clock = clock;
        this.settings = settings;
    }

    /** Starts an unmount of the image mounted at this path, or completes the result with the reason it was refused. */
    void start(MountPath mountPath, CompletableFuture<UnmountOutcome> result) {
        Optional<MonitoredImage> found = state.snapshot().find(mountPath.value());
        String key = mountPath.key();
        Optional<String> refusal = operations.refusal(key, () -> ownRefusal(mountPath, found),
                () -> "the unmount of " + found.orElseThrow().mountPath());
        if (refusal.isPresent()) {
            result.complete(new UnmountOutcome(mountPath.value(), OperationResult.REFUSED, refusal.get(), Duration.ZERO, clock.instant()));
            return;
        }
        String path = found.get().mountPath();
        // DISM is given the path as it spells it, unless its spelling is one DISM could not be given back.
        MountPath target = MountPath.problem(path).isEmpty() ? MountPath.of(path) : mountPath;
        operations.run(key, new MountOperations.Running(NAME, path, Trigger.MANUAL, clock.instant()),
                () -> dism.unmountDiscardAsync(target, operations.progressOf(key, NAME)),
                (hresult, failure, took, after) -> {
                    String message = failure == null ? UnmountMessages.unmounted(path, took, hresult, after, key, settings.get())
                            : UnmountMessages.failed(path, failure);
                    UnmountOutcome outcome = new UnmountOutcome(path, failure == null ? OperationResult.SUCCESS : OperationResult.FAILURE,
                            message, took, clock.instant());
                    // Logged here as well as by the JMX caller: a caller told "still running" never sees this result.
                    log.info("{}", LogText.line(UnmountMessages.logLine(message)));
                    state.tell(l -> l.unmountFinished(outcome));
                    result.complete(outcome);
                });
    }

    private Optional<String> ownRefusal(MountPath mountPath, Optional<MonitoredImage> found) {
        if (!settings.get().allowUnmount()) {
            return Optional.of(UnmountMessages.DISABLED);
        }
        if (found.isEmpty()) {
            return Optional.of(RefusalMessages.notMounted(LogText.abbreviate(mountPath.value()), state.snapshot()));
        }
        return Optional.empty();
    }
}
