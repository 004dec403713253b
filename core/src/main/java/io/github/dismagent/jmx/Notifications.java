package io.github.dismagent.jmx;

import io.github.dismagent.monitor.MonitoredImage;
import io.github.dismagent.monitor.RemountOutcome;
import io.github.dismagent.monitor.StatusChange;
import io.github.dismagent.monitor.UnmountOutcome;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

/** The notifications of the {@code DismImages} MBean, each with a readable message and CompositeData user data. */
final class Notifications {
    /** An image changed status, appeared or disappeared. */
    static final String STATUS_CHANGED = "dismagent.status.changed";
    /** A remount finished, with its result. */
    static final String REMOUNT = "dismagent.remount";
    /** An unmount with discard finished, with its result. */
    static final String UNMOUNT = "dismagent.unmount";

    private static final String[] STATUS_CHANGE_ITEMS =
        {"Change", "MountPath", "ImageFilePath", "ImageIndex", "MountMode", "Status", "PreviousStatus", "StatusSince"};
    private static final String[] REMOUNT_ITEMS = {"MountPath", "Trigger", "Result", "Message", "DurationMillis"};

    static final CompositeType STATUS_CHANGE_TYPE = type("io.github.dismagent.StatusChange", "An image that appeared, disappeared or changed status",
            STATUS_CHANGE_ITEMS,
            new String[] {"appeared, disappeared or changed", "The mount directory", "The image file", "The index of the image in its file",
                "ReadWrite or ReadOnly", "The status now (for disappeared: the last one seen)", "The status before; empty when it appeared",
                "Since when it has this status"},
            new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.INTEGER, SimpleType.STRING,
                SimpleType.STRING, SimpleType.STRING, SimpleType.DATE});

    static final CompositeType REMOUNT_TYPE = type("io.github.dismagent.Remount", "A remount that finished",
            REMOUNT_ITEMS,
            new String[] {"The mount directory", "manual or auto", "success or failure", "The one-line result", "How long DISM took"},
            new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.LONG});

    private static final String[] UNMOUNT_ITEMS = {"MountPath", "Result", "Message", "DurationMillis"};

    static final CompositeType UNMOUNT_TYPE = type("io.github.dismagent.Unmount", "An unmount with discard that finished",
            UNMOUNT_ITEMS,
            new String[] {"The mount directory", "success or failure", "The result: the outcome on the first line, then what to do",
                "How long DISM worked on it"},
            new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.LONG});

    static final MBeanNotificationInfo[] INFO = {
        new MBeanNotificationInfo(new String[] {STATUS_CHANGED}, Notification.class.getName(),
                "An image changed status, appeared or disappeared; user data: Change, MountPath, ImageFilePath, ImageIndex, "
                        + "MountMode, Status, PreviousStatus, StatusSince"),
        new MBeanNotificationInfo(new String[] {REMOUNT}, Notification.class.getName(),
                "A remount finished; user data: MountPath, Trigger, Result, Message, DurationMillis"),
        new MBeanNotificationInfo(new String[] {UNMOUNT}, Notification.class.getName(),
                "An unmount with discard finished; user data: MountPath, Result, Message, DurationMillis"),
    };

    private final ObjectName source;
    private final AtomicLong sequence = new AtomicLong();

    Notifications(ObjectName source) {
        this.source = source;
    }

    Notification statusChanged(StatusChange change) {
        MonitoredImage image = change.image();
        Notification n = new Notification(STATUS_CHANGED, source, sequence.incrementAndGet(), System.currentTimeMillis(), change.describe());
        n.setUserData(data(STATUS_CHANGE_TYPE, STATUS_CHANGE_ITEMS, change.kind().label(), image.mountPathOrEmpty(),
                image.imageFilePathOrEmpty(), image.imageIndex(),
                image.mountModeName(), image.mountStatusName(), change.previousStatus(), Times.date(image.statusSince())));
        return n;
    }

    /**
     * After {@link DismJmx#MAX_NOTIFICATIONS_PER_READ} changes in one read: how many more there
     * were, without user data (there is no one image to describe).
     */
    Notification moreChanges(int more) {
        return new Notification(STATUS_CHANGED, source, sequence.incrementAndGet(), System.currentTimeMillis(),
                "... and " + more + " more changes in this read, not notified one by one; MountedImages lists every image");
    }

    Notification remount(RemountOutcome outcome) {
        Notification n = new Notification(REMOUNT, source, sequence.incrementAndGet(), outcome.finishedAt().toEpochMilli(),
                outcome.trigger().label() + " remount: " + outcome.message());
        n.setUserData(data(REMOUNT_TYPE, REMOUNT_ITEMS, outcome.mountPath(), outcome.trigger().label(), outcome.result().label(),
                outcome.message(), outcome.duration().toMillis()));
        return n;
    }

    Notification unmount(UnmountOutcome outcome) {
        Notification n = new Notification(UNMOUNT, source, sequence.incrementAndGet(), outcome.finishedAt().toEpochMilli(),
                "unmount: " + outcome.message());
        n.setUserData(data(UNMOUNT_TYPE, UNMOUNT_ITEMS, outcome.mountPath(), outcome.result().label(), outcome.message(),
                outcome.duration().toMillis()));
        return n;
    }

    private static CompositeData data(CompositeType type, String[] items, Object... values) {
        try {
            return new CompositeDataSupport(type, items, values);
        } catch (OpenDataException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CompositeType type(String name, String description, String[] items, String[] descriptions, OpenType<?>[] types) {
        try {
            return new CompositeType(name, description, items, descriptions, types);
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
