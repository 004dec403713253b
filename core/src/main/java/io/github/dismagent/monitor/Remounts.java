package io.github.dismagent.monitor;

import io.github.dismagent.dism.MountPath;
import io.github.dismagent.LogText;
import io.github.dismagent.dism.DismSession;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Remounts one image ({@code DismRemountImage}) through the {@link MountOperations} runner, on the monitor thread. */
final class Remounts {
    // The monitor's parts log as DismMonitor, the category users filter on (docs/reference.md, "Log").
    private static final Logger log = LoggerFactory.getLogger(DismMonitor.class);

    private final DismSession dism;
    private final MountOperations operations;
    private final MonitorState state;
    private final Clock clock;

    Remounts(DismSession dism, MountOperations operations, MonitorState state, Clock clock) {
        this.dism = dism;
        this.operations = operations;
        this.state = state;
        this.clock = clock;
    }

    /**
     * Starts a remount of the image mounted at this path, or completes the result with the reason
     * it was refused.
     *
     * @return whether DISM was asked
     */
    boolean start(MountPath mountPath, Trigger trigger, CompletableFuture<RemountOutcome> result) {
        Optional<MonitoredImage> found = state.snapshot().find(mountPath.value());
        String key = mountPath.key();
        Optional<String> refusal = operations.refusal(key, () -> ownRefusal(mountPath, found),
                () -> "the remount of " + found.orElseThrow().mountPath());
        if (refusal.isPresent()) {
            result.complete(new RemountOutcome(mountPath.value(), trigger, OperationResult.REFUSED, refusal.get(), Duration.ZERO, clock.instant()));
            return false;
        }
        String path = found.get().mountPath();
        // DISM is given the path as it spells it, unless its spelling is one DISM could not be given back.
        MountPath target = MountPath.problem(path).isEmpty() ? MountPath.of(path) : mountPath;
        operations.run(key, new MountOperations.Running("remount", path, trigger, clock.instant()), () -> dism.remountAsync(target),
                (hresult, failure, took, after) -> {
                    String line = failure == null
                            ? RemountMessages.remounted(path, took, hresult) + RemountMessages.statusAfterwards(after, key)
                            : RemountMessages.failed(path, failure);
                    finish(key, path, trigger, failure == null, line, took, result);
                });
        return true;
    }

    private Optional<String> ownRefusal(MountPath mountPath, Optional<MonitoredImage> found) {
        if (found.isEmpty()) {
            return Optional.of(RefusalMessages.notMounted(LogText.abbreviate(mountPath.value()), state.snapshot()));
        }
        MonitoredImage image = found.get();
        String path = image.mountPath();
        return switch (image.mountStatus()) {
            case OK -> Optional.of(RemountMessages.nothingToRemount(path));
            case INVALID -> Optional.of(RemountMessages.invalidCannotBeRemounted(path));
            case UNKNOWN -> Optional.of(RemountMessages.unknownStatus(path, image.mountStatusName()));
            case NEEDS_REMOUNT -> Optional.empty();
        };
    }

    private void finish(String key, String path, Trigger trigger, boolean succeeded, String line, Duration took,
                        CompletableFuture<RemountOutcome> result) {
        state.recordRemountResult(key, RemountMessages.stampedResult(clock.instant(), trigger, line));
        RemountOutcome outcome = new RemountOutcome(path, trigger, succeeded ? OperationResult.SUCCESS : OperationResult.FAILURE,
                line, took, clock.instant());
        if (trigger == Trigger.AUTO || !succeeded) {
            // Manual remounts are logged by whoever asked (JMX logs its caller); auto ones only here.
            log.info("{}", LogText.line(RemountMessages.logLine(trigger, line)));
        }
        state.tell(l -> l.remountFinished(outcome));
        result.complete(outcome);
    }
}
