package io.github.dismagent.metrics;

import io.github.dismagent.dism.MountMode;
import io.github.dismagent.dism.MountStatus;
import io.github.dismagent.dism.MountedImage;
import io.github.dismagent.monitor.MonitoredImage;
import io.github.dismagent.monitor.Snapshot;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dism_image_status}: three series per image (one per status), for the first
 * {@value DismMetrics#MAX_IMAGES_WITH_SERIES} images of the snapshot in DISM's order. Each series'
 * value is read from the current snapshot when scraped; the set of series is derived from a
 * snapshot ({@link #follow}) and registered again only when an image's labels change, not when its
 * status does.
 */
final class ImageStatusSeries {
    private static final Logger log = LoggerFactory.getLogger(ImageStatusSeries.class);
    private static final List<MountStatus> STATUSES = List.of(MountStatus.OK, MountStatus.NEEDS_REMOUNT, MountStatus.INVALID);

    private final MultiGauge gauge;
    private final Supplier<Snapshot> current;
    private List<MountedImage> shown = List.of();
    private boolean reportedOverCap;

    ImageStatusSeries(MultiGauge gauge, Supplier<Snapshot> current) {
        this.gauge = gauge;
        this.current = current;
    }

    /** Makes the series those of this snapshot's images. */
    synchronized void follow(Snapshot snapshot) {
        List<MonitoredImage> images = snapshot.images();
        List<MonitoredImage> withSeries = images.size() <= DismMetrics.MAX_IMAGES_WITH_SERIES ? images
                : images.subList(0, DismMetrics.MAX_IMAGES_WITH_SERIES);
        reportSeriesLeftOut(images.size());
        if (sameLabels(withSeries)) {
            return;
        }
        List<MountedImage> rows = new ArrayList<>(withSeries.size());
        List<MultiGauge.Row<?>> series = new ArrayList<>(withSeries.size() * STATUSES.size());
        for (int i = 0; i < withSeries.size(); i++) {
            MonitoredImage image = withSeries.get(i);
            rows.add(image.row());
            Tags tags = labels(image);
            for (MountStatus status : STATUSES) {
                int position = i;
                series.add(MultiGauge.Row.of(tags.and(DismMetrics.STATUS, status.label()), current,
                        snapshots -> statusNow(snapshots.get(), position, image) == status ? 1 : 0));
            }
        }
        shown = rows;
        // overwrite: the series of images that are gone are removed, so none goes stale.
        gauge.register(series, true);
    }

    /** Removes every series. */
    synchronized void clear() {
        shown = List.of();
        gauge.register(List.of(), true);
    }

    /**
     * The status of the image these labels were made for, in this snapshot: found at the same
     * position (so a path listed twice keeps a series each), else by mount path; null when gone.
     */
    private static MountStatus statusNow(Snapshot snapshot, int position, MonitoredImage labelled) {
        List<MonitoredImage> images = snapshot.images();
        if (position < images.size() && sameLabels(images.get(position).row(), labelled.row())) {
            return images.get(position).countedStatus();
        }
        MonitoredImage byKey = snapshot.byKey().get(labelled.key());
        return byKey == null ? null : byKey.countedStatus();
    }

    private static Tags labels(MonitoredImage image) {
        return Tags.of(
                "mount_path", image.mountPathOrEmpty(),
                "image_path", image.imageFilePathOrEmpty(),
                "image_index", Long.toString(image.imageIndex()),
                "mount_mode", MountMode.label(image.row().mountModeCode()));
    }

    private boolean sameLabels(List<MonitoredImage> images) {
        if (images.size() != shown.size()) {
            return false;
        }
        for (int i = 0; i < images.size(); i++) {
            if (!sameLabels(images.get(i).row(), shown.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameLabels(MountedImage a, MountedImage b) {
        return a == b || (Objects.equals(a.mountPath(), b.mountPath()) && Objects.equals(a.imageFilePath(), b.imageFilePath())
                && a.imageIndex() == b.imageIndex() && a.mountModeCode() == b.mountModeCode());
    }

    /** Once when the cap starts to bite, and once when it no longer does. */
    private void reportSeriesLeftOut(int mounted) {
        boolean over = mounted > DismMetrics.MAX_IMAGES_WITH_SERIES;
        if (over && !reportedOverCap) {
            log.warn("{} images are mounted; dism_image_status has series for the first {} only (dism_images counts all of them)",
                    mounted, DismMetrics.MAX_IMAGES_WITH_SERIES);
        } else if (!over && reportedOverCap) {
            log.info("{} images are mounted; dism_image_status covers every one again", mounted);
        }
        reportedOverCap = over;
    }
}
