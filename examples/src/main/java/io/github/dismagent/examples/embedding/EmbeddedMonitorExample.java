package io.github.dismagent.examples.embedding;

import io.github.dismagent.dism.DismSession;
import io.github.dismagent.dism.DismSettings;
import io.github.dismagent.dism.MountStatus;
import io.github.dismagent.jmx.DismJmx;
import io.github.dismagent.metrics.DismMetrics;
import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.MonitorOperations;
import io.github.dismagent.monitor.MonitoredImage;
import io.github.dismagent.monitor.MonitorSettings;
import io.github.dismagent.monitor.Snapshot;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;

/**
 * dismagent-core as a library, without the agent: an application that builds images and wants the
 * mount table in its own Micrometer registry and its own MBeanServer.
 */
public final class EmbeddedMonitorExample {
    private EmbeddedMonitorExample() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Reads the mount table, remounts what needs it, and shows the application's own registry. */
    public static void run(PrintStream out) throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT); // the application's registry
        MBeanServer mbeans = MBeanServerFactory.newMBeanServer();                                  // and its MBeanServer
        MonitorSettings settings = MonitorSettings.defaults().withRefreshInterval(Duration.ofSeconds(10));

        try (DismSession dism = DismSession.create(DismSettings.defaults());
             DismMonitor monitor = DismMonitor.create(dism, settings)) {
            new DismMetrics(monitor).bindTo(registry);
            try (DismJmx jmx = DismJmx.register(mbeans, "acme.imaging", monitor, () -> "none: the application serves its own metrics")) {
                monitor.start();
                Snapshot table = monitor.refresh().get(2, TimeUnit.MINUTES);
                out.println(table.available() ? "Mounted images:" : "DISM is not available: " + table.lastError());
                for (MonitoredImage image : table.images()) {
                    out.println("  " + image.displayPath() + "  " + image.mountStatusName());
                }

                MonitorOperations operations = new MonitorOperations(monitor);
                for (MonitoredImage image : table.images()) {
                    if (image.mountStatus() == MountStatus.NEEDS_REMOUNT) {
                        out.println(operations.remount(image.mountPath()));
                    }
                }

                out.println("MBeans: " + mbeans.queryNames(jmx.imagesName(), null));
                registry.scrape().lines().filter(line -> line.startsWith("dism_images")).forEach(out::println);
            }
        }
    }
}
