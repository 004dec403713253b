package io.github.dismagent.jmx;

import io.github.dismagent.dism.DismSession;
import io.github.dismagent.dism.DismSettings;
import io.github.dismagent.metrics.DismMetrics;
import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.MonitorSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * A server JVM for {@link RemoteMonitoredServer}: the monitor over the emulator, its MBeans on the platform
 * MBeanServer, reachable through the JVM's own JMX RMI connector, and its metrics as the
 * {@code Text} attribute of {@value #SCRAPE} (what a scrape would serve). Arguments turn on
 * {@code allowUnmount} and {@code readOnly}. Runs until its stdin closes.
 */
public final class MonitoredServerMain {
    static final String SCRAPE = "dismagent.test:type=Scrape";

    private MonitoredServerMain() {
    }

    /** The registry's Prometheus text, for the test JVM. */
    public interface ScrapeMBean {
        String getText();
    }

    public static void main(String[] args) throws Exception {
        List<String> flags = List.of(args);
        MonitorSettings settings = MonitorSettings.defaults().withRefreshInterval(Duration.ofMinutes(10))
                .withCallTimeout(Duration.ofSeconds(10)).withAllowCleanup(true)
                .withAllowUnmount(flags.contains("allowUnmount")).withReadOnly(flags.contains("readOnly"));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (DismSession session = DismSession.create(DismSettings.defaults());
             DismMonitor monitor = DismMonitor.create(session, settings);
             DismMetrics metrics = new DismMetrics(monitor);
             DismJmx jmx = DismJmx.register(ManagementFactory.getPlatformMBeanServer(), DismJmx.DEFAULT_DOMAIN, monitor,
                     () -> "none: this test server has no HTTP endpoint")) {
            metrics.bindTo(registry);
            ManagementFactory.getPlatformMBeanServer().registerMBean(new StandardMBean((ScrapeMBean) registry::scrape, ScrapeMBean.class),
                    new ObjectName(SCRAPE));
            monitor.start();
            monitor.refresh().join();
            System.out.println("READY " + jmx.imagesName());
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the test closes our stdin
            }
        }
        System.out.println("STOPPED");
    }
}
