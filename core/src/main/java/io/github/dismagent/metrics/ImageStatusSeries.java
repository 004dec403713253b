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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dism_image_status}: three series per image (one per status), for the first
 * {@value DismMetrics#MAX_IMAGES_WITH_SERIES} images of the snapshot in DISM's order. Each series'
 * value is read from the current snapshot when scraped; the set of series is derived from a
 * snapshot ({@link #follow}) and registered again only when an image's labels change, not when its
 * status does. Paths longer than {@value LabelValue#LONGEST} characters are shortened ({@link LabelValue}).
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
            // the rows of this snapshot, not of the one the series were made from: a refresh decodes new
            // strings, and long paths held twice would double what the images cost
            shown = withSeries.stream().map(MonitoredImage::row).toList();
            return;
        }
        List<MountedImage> rows = new ArrayList<>(withSeries.size());
        List<MultiGauge.Row<?>> series = new ArrayList<>(withSeries.size() * STATUSES.size());
        for (int i = 0; i < withSeries.size(); i++) {
            MonitoredImage image = withSeries.get(i);
            rows.add(image.row());
            Tags tags = labels(image);
            Slot slot = new Slot(i, image.key(), image.imageIndex(), image.row().mountModeCode());
            for (MountStatus status : STATUSES) {
                series.add(MultiGauge.Row.of(tags.and(DismMetrics.STATUS, status.label()), current,
                        snapshots -> statusNow(snapshots.get(), slot) == status ? 1 : 0));
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
     * What a series needs to find its image in a later snapshot: its position and a bounded key, not
     * the image's row (whose strings a series would otherwise keep alive after the next refresh).
     */
    private record Slot(int position, String key, int imageIndex, int mountModeCode) {
        boolean holds(MonitoredImage image) {
            return image.key().equals(key) && image.imageIndex() == imageIndex && image.row().mountModeCode() == mountModeCode;
        }
    }

    /**
     * The status of the image these labels were made for, in this snapshot: found at the same
     * position (so a path listed twice keeps a series each), else by mount path; null when gone.
     */
    private static MountStatus statusNow(Snapshot snapshot, Slot slot) {
        List<MonitoredImage> images = snapshot.images();
        if (slot.position() < images.size() && slot.holds(images.get(slot.position()))) {
            return images.get(slot.position()).countedStatus();
        }
        MonitoredImage byKey = snapshot.byKey().get(slot.key());
        return byKey == null ? null : byKey.countedStatus();
    }

    private static Tags labels(MonitoredImage image) {
        return Tags.of(
                "mount_path", LabelValue.of(image.mountPathOrEmpty()),
                "image_path", LabelValue.of(image.imageFilePathOrEmpty()),
                "image_index", Integer.toString(image.imageIndex()),
                "mount_mode", MountMode.label(image.row().mountModeCode()));
    }

    private boolean sameLabels(List<MonitoredImage> images) {
        if (images.size() != shown.size()) {
            return false;
        }
        for (int i = 0; i < images.size(); i++) {
            if (!images.get(i).row().showsAsSameImage(shown.get(i))) {
                return false;
            }
        }
        return true;
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
