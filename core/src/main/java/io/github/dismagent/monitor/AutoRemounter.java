package io.github.dismagent.monitor;

import io.github.dismagent.LogText;
import io.github.dismagent.dism.MountPath;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remounts NeedsRemount images without an operator when {@code autoRemount} is on: after every good
 * read, and when the next attempt's backoff has passed ({@link AutoRemountPolicy} keeps the count).
 * Runs on the monitor thread.
 */
final class AutoRemounter {
    // The monitor's parts log as DismMonitor, the category users filter on (docs/reference.md, "Log").
    private static final Logger log = LoggerFactory.getLogger(DismMonitor.class);

    private final AutoRemountPolicy policy = new AutoRemountPolicy();
    private final Remounts remounts;
    private final MountOperations operations;
    private final MonitorState state;
    private final MonitorThread thread;
    private final Clock clock;
    private final Supplier<MonitorSettings> settings;
    private ScheduledFuture<?> wakeUp;

    AutoRemounter(Remounts remounts, MountOperations operations, MonitorState state, MonitorThread thread, Clock clock,
                  Supplier<MonitorSettings> settings) {
        this.remounts = remounts;
        this.operations = operations;
        this.state = state;
        this.thread = thread;
        this.clock = clock;
        this.settings = settings;
    }

    void run() {
        MonitorSettings now = settings.get();
        if (!now.autoRemount() || now.readOnly() || operations.dismStuck().isPresent()) {
            return;
        }
        int maxAttempts = now.autoRemountMaxAttempts();
        for (MonitoredImage image : policy.due(state.snapshot(), clock.instant(), maxAttempts)) {
            // A path DISM lists that no DISM call could be given back is left alone.
            if (!operations.isRunning(image.key()) && MountPath.problem(image.mountPath()).isEmpty()
                    && remounts.start(MountPath.of(image.mountPath()), Trigger.AUTO, new CompletableFuture<>())) {
                int attempt = policy.attempted(image.key(), clock.instant(), now.autoRemountBackoff());
                log.info("{}", LogText.line(RemountMessages.autoRemountAttempt(image.displayPath(), attempt, maxAttempts)));
            }
        }
        for (String key : policy.newlyExhausted(maxAttempts)) {
            String path = Optional.ofNullable(state.snapshot().byKey().get(key)).map(MonitoredImage::displayPath).orElse(key);
            log.warn("{}", LogText.line(RemountMessages.autoRemountGaveUp(path, maxAttempts)));
        }
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
        policy.nextDue(maxAttempts).ifPresent(due ->
                wakeUp = thread.schedule(this::run, Duration.ofMillis(Math.max(1, Duration.between(clock.instant(), due).toMillis()))));
    }
}
