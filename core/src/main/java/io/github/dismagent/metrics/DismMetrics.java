package io.github.dismagent.metrics;

import io.github.dismagent.DismagentVersion;
import io.github.dismagent.dism.MountMode;
import io.github.dismagent.dism.MountStatus;
import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.MonitoredImage;
import io.github.dismagent.monitor.MonitorListener;
import io.github.dismagent.monitor.RemountOutcome;
import io.github.dismagent.monitor.Snapshot;
import io.github.dismagent.monitor.StatusChange;
import io.github.dismagent.monitor.Trigger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus view of a {@link DismMonitor} (contract section 4), on any {@link MeterRegistry}:
 *
 * <pre>
 * dism_images{status}                    gauge, ok / needs_remount / invalid, all three always present
 * dism_image_status{mount_path,image_path,image_index,mount_mode,status}   1 for the current status, 0 for the others
 * dism_remount_total{result,trigger}     counter
 * dism_remount_duration_seconds          timer
 * dism_refresh_duration_seconds          timer
 * dism_refresh_errors_total              counter
 * dism_refresh_last_success_timestamp_seconds   gauge
 * dism_up                                gauge, 1 or 0
 * dismagent_build_info{version,backend}  gauge, always 1
 * </pre>
 *
 * Gauges read the monitor's snapshot when scraped; counters and timers are recorded from the
 * monitor's events. A status that a newer DISM may add counts as {@code invalid}.
 *
 * <p>{@code dism_image_status} has three series per image; it covers the first
 * {@value #MAX_IMAGES_WITH_SERIES} images in DISM's order, so that a machine with a runaway number
 * of mounts cannot exhaust the host's heap or Prometheus' series budget. {@code dism_images} always
 * counts every image, and the log says when series were left out.
 */
public final class DismMetrics implements MeterBinder {
    static final String STATUS = "status";
    /** Images with {@code dism_image_status} series; beyond, only the counts. */
    public static final int MAX_IMAGES_WITH_SERIES = 1000;
    private static final Logger log = LoggerFactory.getLogger(DismMetrics.class);

    private final DismMonitor monitor;

    public DismMetrics(DismMonitor monitor) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (MountStatus status : List.of(MountStatus.OK, MountStatus.NEEDS_REMOUNT, MountStatus.INVALID)) {
            Gauge.builder("dism.images", monitor, m -> m.snapshot().count(status))
                    .description("Mounted Windows images by status, as DISM last reported them")
                    .tag(STATUS, status.label())
                    .strongReference(true)
                    .register(registry);
        }
        Gauge.builder("dism.up", monitor, m -> m.snapshot().available() ? 1 : 0)
                .description("1 when DISM is initialised and the last read of the mount table succeeded")
                .strongReference(true)
                .register(registry);
        Gauge.builder("dism.refresh.last.success.timestamp.seconds", monitor,
                        m -> m.snapshot().lastRefresh().map(t -> t.toEpochMilli() / 1000.0).orElse(0.0))
                .description("When the mount table was last read successfully, in seconds since the epoch (0: never)")
                .strongReference(true)
                .register(registry);
        monitor.addListener(new Recorder(registry));
    }

    /** Records the monitor's events into one registry's meters. */
    private static final class Recorder implements MonitorListener {
        private final Map<Trigger, Map<RemountOutcome.Result, Counter>> remounts = new EnumMap<>(Trigger.class);
        private final Timer remountDuration;
        private final Timer refreshDuration;
        private final Counter refreshErrors;
        private final MultiGauge imageStatus;
        private final MultiGauge buildInfo;
        private boolean reportedOverCap;
        private List<MonitoredImage> shownImages = List.of();
        private String shownBackend;

        Recorder(MeterRegistry registry) {
            for (Trigger trigger : Trigger.values()) {
                Map<RemountOutcome.Result, Counter> byResult = new EnumMap<>(RemountOutcome.Result.class);
                for (RemountOutcome.Result result : List.of(RemountOutcome.Result.SUCCESS, RemountOutcome.Result.FAILURE)) {
                    // Every combination exists from the start, so that rate() and alerts see zero, not nothing.
                    byResult.put(result, Counter.builder("dism.remount")
                            .description("Remounts dismagent asked DISM for, by result and by who asked (manual or auto)")
                            .tags("result", result.label(), "trigger", trigger.label())
                            .register(registry));
                }
                remounts.put(trigger, byResult);
            }
            remountDuration = Timer.builder("dism.remount.duration")
                    .description("How long DISM took to remount an image").register(registry);
            refreshDuration = Timer.builder("dism.refresh.duration")
                    .description("How long reading the mount table took").register(registry);
            refreshErrors = Counter.builder("dism.refresh.errors")
                    .description("Reads of the mount table that failed").register(registry);
            imageStatus = MultiGauge.builder("dism.image.status")
                    .description("1 for each mounted image's current status, 0 for its other statuses").register(registry);
            buildInfo = MultiGauge.builder("dismagent.build.info")
                    .description("dismagent's version and the DISM library it uses; always 1").register(registry);
        }

        @Override
        public void snapshotPublished(Snapshot snapshot, List<StatusChange> changes) {
            if (!snapshot.backend().equals(shownBackend)) {
                shownBackend = snapshot.backend();
                buildInfo.register(List.of(MultiGauge.Row.of(Tags.of("version", DismagentVersion.get(), "backend", shownBackend), 1)), true);
            }
            List<MonitoredImage> images = snapshot.images();
            List<MonitoredImage> withSeries = images.size() <= MAX_IMAGES_WITH_SERIES ? images : images.subList(0, MAX_IMAGES_WITH_SERIES);
            reportSeriesLeftOut(images.size());
            if (!sameImages(withSeries)) {
                shownImages = withSeries;
                List<MultiGauge.Row<?>> rows = new ArrayList<>(shownImages.size() * 3);
                for (MonitoredImage image : shownImages) {
                    Tags tags = imageTags(image);
                    for (MountStatus status : List.of(MountStatus.OK, MountStatus.NEEDS_REMOUNT, MountStatus.INVALID)) {
                        rows.add(MultiGauge.Row.of(tags.and(STATUS, status.label()), image.countedStatus() == status ? 1 : 0));
                    }
                }
                // overwrite: rows of images that are gone are removed, so no series goes stale.
                imageStatus.register(rows, true);
            }
        }

        /** Once when the cap starts to bite, and once when it no longer does. */
        private void reportSeriesLeftOut(int mounted) {
            boolean over = mounted > MAX_IMAGES_WITH_SERIES;
            if (over && !reportedOverCap) {
                log.warn("{} images are mounted; dism_image_status has series for the first {} only (dism_images counts all of them)",
                        mounted, MAX_IMAGES_WITH_SERIES);
            } else if (!over && reportedOverCap) {
                log.info("{} images are mounted; dism_image_status covers every one again", mounted);
            }
            reportedOverCap = over;
        }

        /** Whether the rows shown still describe these images (a status time or remount result alone changes no label). */
        private boolean sameImages(List<MonitoredImage> images) {
            if (images.size() != shownImages.size()) {
                return false;
            }
            for (int i = 0; i < images.size(); i++) {
                if (!images.get(i).row().equals(shownImages.get(i).row())) {
                    return false;
                }
            }
            return true;
        }

        private static Tags imageTags(MonitoredImage image) {
            return Tags.of(
                    "mount_path", image.mountPathOrEmpty(),
                    "image_path", image.imageFilePathOrEmpty(),
                    "image_index", Long.toString(image.imageIndex()),
                    "mount_mode", MountMode.label(image.row().mountModeCode()));
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
    }
}
