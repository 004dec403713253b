package io.github.dismagent.metrics;

import io.github.dismagent.DismagentVersion;
import io.github.dismagent.dism.MountStatus;
import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.MonitorListener;
import io.github.dismagent.monitor.OperationResult;
import io.github.dismagent.monitor.RemountOutcome;
import io.github.dismagent.monitor.UnmountOutcome;
import io.github.dismagent.monitor.Snapshot;
import io.github.dismagent.monitor.StatusChange;
import io.github.dismagent.monitor.Trigger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Prometheus view of a {@link DismMonitor} (docs/reference.md, "Metrics"), on any {@link MeterRegistry}:
 *
 * <pre>
 * dism_images{status}                    gauge, ok / needs_remount / invalid, all three always present
 * dism_image_status{mount_path,image_path,image_index,mount_mode,status}   1 for the current status, 0 for the others
 * dism_remount_total{result,trigger}     counter
 * dism_remount_duration_seconds          timer
 * dism_unmount_total{result}             counter
 * dism_refresh_duration_seconds          timer
 * dism_refresh_errors_total              counter
 * dism_refresh_last_success_timestamp_seconds   gauge
 * dism_up                                gauge, 1 or 0
 * dismagent_build_info{version,backend}  gauge, always 1
 * </pre>
 *
 * Every gauge is a function of the monitor's current snapshot, read when scraped; the series of
 * {@code dism_image_status} and {@code dismagent_build_info} are those of the last snapshot
 * published. Counters and timers are recorded from the monitor's events. A status that a newer
 * DISM may add counts as {@code invalid}.
 *
 * <p>{@code dism_image_status} covers the first {@value #MAX_IMAGES_WITH_SERIES} images in DISM's
 * order, so that a machine with a runaway number of mounts cannot exhaust the host's heap or
 * Prometheus' series budget; {@code dism_images} always counts every image, and the log says when
 * series were left out.
 *
 * <p>Like Micrometer's own binders it takes extra tags for every series, and {@link #close()}
 * removes what it added: its listener on the monitor and its meters from every registry it was
 * bound to.
 */
public final class DismMetrics implements MeterBinder, AutoCloseable {
    static final String STATUS = "status";
    /** Images with {@code dism_image_status} series; beyond, only the counts. */
    public static final int MAX_IMAGES_WITH_SERIES = 1000;
    /** The longest label value made from a string DISM returned (a path); longer ones are shortened, see LabelValue. */
    public static final int LONGEST_LABEL_VALUE = LabelValue.LONGEST;
    private static final List<MountStatus> COUNTED = List.of(MountStatus.OK, MountStatus.NEEDS_REMOUNT, MountStatus.INVALID);

    private final DismMonitor monitor;
    private final Tags tags;
    private final List<Binding> bindings = new CopyOnWriteArrayList<>();

    public DismMetrics(DismMonitor monitor) {
        this(monitor, Tags.empty());
    }

    /** @param tags added to every series, e.g. {@code Tags.of("site", "lab")} */
    public DismMetrics(DismMonitor monitor, Iterable<Tag> tags) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.tags = Tags.of(tags);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Binding binding = new Binding(registry);
        bindings.add(binding);
        monitor.addListener(binding);
    }

    /** Stops following the monitor and removes every meter this binder registered. */
    @Override
    public void close() {
        for (Binding binding : bindings) {
            monitor.removeListener(binding);
            binding.remove();
        }
        bindings.clear();
    }

    /** The meters of one registry, and the listener that keeps them current. */
    private final class Binding implements MonitorListener {
        private final MeterRegistry registry;
        private final List<Meter> meters = new ArrayList<>();
        private final Map<Trigger, Map<OperationResult, Counter>> remounts = new EnumMap<>(Trigger.class);
        private final Timer remountDuration;
        private final Map<OperationResult, Counter> unmounts = new EnumMap<>(OperationResult.class);
        private final Timer refreshDuration;
        private final Counter refreshErrors;
        private final ImageStatusSeries imageStatus;
        private final MultiGauge buildInfo;
        private String shownBackend;

        Binding(MeterRegistry registry) {
            this.registry = registry;
            for (MountStatus status : COUNTED) {
                meters.add(Gauge.builder("dism.images", monitor, m -> m.snapshot().count(status))
                        .description("Mounted Windows images by status, as DISM last reported them")
                        .tags(tags).tag(STATUS, status.label()).strongReference(true).register(registry));
            }
            meters.add(Gauge.builder("dism.up", monitor, m -> m.snapshot().available() ? 1 : 0)
                    .description("1 when DISM is initialised and the last read of the mount table succeeded")
                    .tags(tags).strongReference(true).register(registry));
            meters.add(Gauge.builder("dism.refresh.last.success.timestamp.seconds", monitor,
                            m -> m.snapshot().lastRefresh().map(t -> t.toEpochMilli() / 1000.0).orElse(0.0))
                    .description("When the mount table was last read successfully, in seconds since the epoch (0: never)")
                    .tags(tags).strongReference(true).register(registry));
            for (Trigger trigger : Trigger.values()) {
                Map<OperationResult, Counter> byResult = new EnumMap<>(OperationResult.class);
                for (OperationResult result : List.of(OperationResult.SUCCESS, OperationResult.FAILURE)) {
                    // Every combination exists from the start, so that rate() and alerts see zero, not nothing.
                    byResult.put(result, add(Counter.builder("dism.remount")
                            .description("Remounts dismagent asked DISM for, by result and by who asked (manual or auto)")
                            .tags(tags).tags("result", result.label(), "trigger", trigger.label()).register(registry)));
                }
                remounts.put(trigger, byResult);
            }
            for (OperationResult result : List.of(OperationResult.SUCCESS, OperationResult.FAILURE)) {
                unmounts.put(result, add(Counter.builder("dism.unmount")
                        .description("Unmounts with discard dismagent asked DISM for, by result")
                        .tags(tags).tag("result", result.label()).register(registry)));
            }
            remountDuration = add(Timer.builder("dism.remount.duration")
                    .description("How long DISM took to remount an image").tags(tags).register(registry));
            refreshDuration = add(Timer.builder("dism.refresh.duration")
                    .description("How long reading the mount table took").tags(tags).register(registry));
            refreshErrors = add(Counter.builder("dism.refresh.errors")
                    .description("Reads of the mount table that failed").tags(tags).register(registry));
            imageStatus = new ImageStatusSeries(MultiGauge.builder("dism.image.status")
                    .description("1 for each mounted image's current status, 0 for its other statuses").tags(tags).register(registry),
                    monitor::snapshot);
            buildInfo = MultiGauge.builder("dismagent.build.info")
                    .description("dismagent's version and the DISM library it uses; always 1").tags(tags).register(registry);
        }

        private <M extends Meter> M add(M meter) {
            meters.add(meter);
            return meter;
        }

        @Override
        public void snapshotPublished(Snapshot snapshot, List<StatusChange> changes) {
            synchronized (this) {
                if (!snapshot.backend().equals(shownBackend)) {
                    shownBackend = snapshot.backend();
                    buildInfo.register(List.of(MultiGauge.Row.of(Tags.of("version", DismagentVersion.get(), "backend", LabelValue.of(shownBackend)), 1)), true);
                }
            }
            imageStatus.follow(snapshot);
        }

        @Override
        public void refreshFinished(Duration duration, boolean succeeded) {
            refreshDuration.record(duration);
            if (!succeeded) {
                refreshErrors.increment();
            }
        }

        @Override
        public void remountFinished(RemountOutcome outcome) {
            if (!outcome.attempted()) {
                return;
            }
            remounts.get(outcome.trigger()).get(outcome.result()).increment();
            remountDuration.record(outcome.duration());
        }

        @Override
        public void unmountFinished(UnmountOutcome outcome) {
            if (outcome.attempted()) {
                unmounts.get(outcome.result()).increment();
            }
        }

        synchronized void remove() {
            imageStatus.clear();
            buildInfo.register(List.of(), true);
            shownBackend = null;
            meters.forEach(registry::remove);
        }
    }
}
