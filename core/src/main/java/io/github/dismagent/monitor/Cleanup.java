package io.github.dismagent.monitor;

import io.github.dismagent.LogText;
import io.github.dismagent.dism.DismSession;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes the mount points of Invalid images ({@code DismCleanupMountpoints}) through the {@link MountOperations} runner. */
final class Cleanup {
    // The monitor's parts log as DismMonitor, the category users filter on (docs/reference.md, "Log").
    private static final Logger log = LoggerFactory.getLogger(DismMonitor.class);

    private final DismSession dism;
    private final MountOperations operations;
    private final MonitorState state;
    private final Clock clock;
    private final Supplier<MonitorSettings> settings;

    Cleanup(DismSession dism, MountOperations operations, MonitorState state, Clock clock, Supplier<MonitorSettings> settings) {
        this.dism = dism;
        this.operations = operations;
        this.state = state;
        this.clock = clock;
        this.settings = settings;
    }

    /** Starts a cleanup, or completes the result with the reason it was refused. */
    void start(CompletableFuture<String> result) {
        Optional<String> refusal = operations.refusal(MountOperations.MACHINE_WIDE,
                () -> settings.get().allowCleanup() ? Optional.empty() : Optional.of(CleanupMessages.DISABLED), () -> "the cleanup");
        if (refusal.isPresent()) {
            result.complete(refusal.get());
            return;
        }
        int before = state.snapshot().mountedCount();
        operations.run(MountOperations.MACHINE_WIDE, new MountOperations.Running("cleanup", "", Trigger.MANUAL, clock.instant()),
                dism::cleanupMountpointsAsync, (ignored, failure, took, after) -> {
                    String line = failure != null ? CleanupMessages.failed(failure) : CleanupMessages.cleanedUp(took, before, after);
                    log.info("{}", LogText.line(line));
                    result.complete(line);
                });
    }
}
