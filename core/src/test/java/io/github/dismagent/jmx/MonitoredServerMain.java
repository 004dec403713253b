package io.github.dismagent.jmx;

import io.github.dismagent.dism.DismSession;
import io.github.dismagent.dism.DismSettings;
import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.MonitorSettings;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * A server JVM for {@link RemoteJmxTest}: the monitor over the emulator, its MBeans on the platform
 * MBeanServer, reachable through the JVM's own JMX RMI connector. Runs until its stdin closes.
 */
public final class MonitoredServerMain {
    private MonitoredServerMain() {
    }

    public static void main(String[] args) throws Exception {
        MonitorSettings settings = MonitorSettings.defaults().withRefreshInterval(Duration.ofMinutes(10))
                .withCallTimeout(Duration.ofSeconds(10)).withAllowCleanup(true);
        try (DismSession session = DismSession.create(DismSettings.defaults());
             DismMonitor monitor = DismMonitor.create(session, settings).start();
             DismJmx jmx = DismJmx.register(ManagementFactory.getPlatformMBeanServer(), DismJmx.DEFAULT_DOMAIN, monitor,
                     () -> "none: this test server has no HTTP endpoint")) {
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
