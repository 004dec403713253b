package io.github.dismagent.jmx;

import io.github.dismagent.BoundedText;
import io.github.dismagent.LogText;
import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.MonitoredImage;
import io.github.dismagent.monitor.MonitorListener;
import io.github.dismagent.monitor.MonitorOperations;
import io.github.dismagent.monitor.RemountOutcome;
import io.github.dismagent.monitor.Snapshot;
import io.github.dismagent.monitor.StatusChange;
import io.github.dismagent.monitor.UnmountOutcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import javax.management.openmbean.ArrayType;
import javax.management.openmbean.OpenDataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JMX view of a {@link DismMonitor} on any {@link MBeanServer}: the {@code DismImages} MBean,
 * one {@code MountedImage} MBean per mounted image (registered and unregistered as images come and
 * go), and the {@code dismagent.status.changed}, {@code dismagent.remount} and {@code dismagent.unmount} notifications.
 *
 * <p>Bounded for a machine with a runaway number of mounts: at most {@value #MAX_IMAGE_MBEANS}
 * image MBeans (the first images in DISM's order; {@code MountedImages} lists every image), and at
 * most {@value #MAX_NOTIFICATIONS_PER_READ} status notifications per read, then one that says how
 * many more changes there were.
 *
 * <pre>{@code
 * DismJmx jmx = DismJmx.register(ManagementFactory.getPlatformMBeanServer(), "io.github.dismagent", monitor, () -> "none");
 * }</pre>
 */
public final class DismJmx implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DismJmx.class);

    public static final int MAX_IMAGE_MBEANS = 1000;
    /** The longest mount path an MBean name carries whole. */
    public static final int LONGEST_NAME_PATH = 256;
    public static final int MAX_NOTIFICATIONS_PER_READ = 1000;

    /** The default ObjectName domain (docs/reference.md, "Options", {@code jmxDomain}). */
    public static final String DEFAULT_DOMAIN = "io.github.dismagent";

    private final MBeanServer server;
    private final String domain;
    private final DismMonitor monitor;
    private final MonitorOperations operations;
    private final ObjectName imagesName;
    private final NotificationBroadcasterSupport emitter = new NotificationBroadcasterSupport(Notifications.INFO);
    private final Notifications notifications;
    private final Map<String, ObjectName> registered = new HashMap<>();
    private final Listener listener = new Listener();
    private boolean reportedOverLimit;

    private DismJmx(MBeanServer server, String domain, DismMonitor monitor) throws JMException {
        this.server = server;
        this.domain = domain;
        this.monitor = monitor;
        this.operations = new MonitorOperations(monitor);
        this.imagesName = new ObjectName(domain + ":type=DismImages");
        this.notifications = new Notifications(imagesName);
    }

    /**
     * Registers the MBeans and keeps them current until {@link #close()}.
     *
     * @param domain       the ObjectName domain ({@code jmxDomain})
     * @param httpEndpoint what the {@code HttpEndpoint} attribute says
     */
    public static DismJmx register(MBeanServer server, String domain, DismMonitor monitor, Supplier<String> httpEndpoint) throws JMException {
        DismJmx jmx = new DismJmx(server, domain, monitor);
        server.registerMBean(new DescribedMBean<>(new DismImages(monitor, jmx.operations, httpEndpoint), DismImagesMBean.class,
                jmx.emitter, Map.of("MountedImages", rowsType())), jmx.imagesName);
        monitor.addListener(jmx.listener);
        return jmx;
    }

    public ObjectName imagesName() {
        return imagesName;
    }

    /**
     * The name of the MBean of the image mounted at this path. A path longer than
     * {@value #LONGEST_NAME_PATH} characters is shortened in the name ({@link BoundedText}: start, end
     * and a hash): a name of 32,000 characters helps nobody in JConsole and costs its length in every
     * copy the MBean server keeps. The MBean's {@code MountPath} attribute has the whole path.
     */
    public ObjectName imageName(String mountPath) {
        try {
            String path = mountPath == null ? "" : BoundedText.shortened(mountPath, LONGEST_NAME_PATH, 12);
            return new ObjectName(domain + ":type=MountedImage,path=" + ObjectName.quote(path));
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Unregisters every MBean this view registered. */
    @Override
    public void close() {
        monitor.removeListener(listener);
        synchronized (registered) {
            registered.values().forEach(this::unregister);
            registered.clear();
        }
        unregister(imagesName);
    }

    private final class Listener implements MonitorListener {
        @Override
        public void snapshotPublished(Snapshot snapshot, List<StatusChange> changes) {
            for (StatusChange change : changes) {
                if (change.kind() == StatusChange.Kind.DISAPPEARED) {
                    unregisterImage(change.image());
                }
            }
            registerUpToTheLimit(snapshot);
            int sent = Math.min(changes.size(), MAX_NOTIFICATIONS_PER_READ);
            for (StatusChange change : changes.subList(0, sent)) {
                emitter.sendNotification(notifications.statusChanged(change));
            }
            if (changes.size() > sent) {
                emitter.sendNotification(notifications.moreChanges(changes.size() - sent));
            }
        }

        @Override
        public void remountFinished(RemountOutcome outcome) {
            if (outcome.attempted()) {
                emitter.sendNotification(notifications.remount(outcome));
            }
        }

        @Override
        public void unmountFinished(UnmountOutcome outcome) {
            emitter.sendNotification(notifications.unmount(outcome));
        }
    }

    /** Images without an MBean get one, in DISM's order, while there is room. */
    private void registerUpToTheLimit(Snapshot snapshot) {
        synchronized (registered) {
            // Every registered image is in the snapshot (those that went were unregistered above).
            if (registered.size() == Math.min(MAX_IMAGE_MBEANS, snapshot.byKey().size()) && !reportedOverLimit) {
                return;
            }
        }
        boolean over = false;
        for (MonitoredImage image : snapshot.byKey().values()) {
            synchronized (registered) {
                if (registered.containsKey(image.key())) {
                    continue;
                }
                if (registered.size() >= MAX_IMAGE_MBEANS) {
                    over = true;
                    break;
                }
            }
            registerImage(image);
        }
        if (over != reportedOverLimit) {
            reportedOverLimit = over;
            if (over) {
                log.warn("{} images are mounted; MBeans are registered for {} of them (the MountedImages attribute lists all)",
                        snapshot.mountedCount(), MAX_IMAGE_MBEANS);
            }
        }
    }

    private void registerImage(MonitoredImage image) {
        ObjectName name = imageName(image.mountPath());
        synchronized (registered) {
            if (registered.containsKey(image.key())) {
                return;
            }
            try {
                server.registerMBean(new DescribedMBean<>(new MountedImageBean(monitor, operations, image), MountedImageMBean.class,
                        new NotificationBroadcasterSupport(), Map.of()), name);
                registered.put(image.key(), name);
            } catch (JMException e) {
                log.warn("Cannot register the MBean {} for {}: {}", LogText.shown(String.valueOf(name)), image.displayPath(), LogText.line(e.toString()));
            }
        }
    }

    private void unregisterImage(MonitoredImage image) {
        ObjectName name;
        synchronized (registered) {
            name = registered.remove(image.key());
        }
        if (name != null) {
            unregister(name);
        }
    }

    private void unregister(ObjectName name) {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // already gone
        } catch (JMException e) {
            log.warn("Cannot unregister the MBean {}: {}", LogText.shown(String.valueOf(name)), LogText.line(e.toString()));
        }
    }

    private static ArrayType<?> rowsType() throws OpenDataException {
        return ArrayType.getArrayType(MountedImageRow.TYPE);
    }
}
