/**
 * A host that knows nothing of dismagent: prints which classes its own class loader can see,
 * sleeps, and ends with the exit status it is given.
 * Usage: PlainHost <sleep millis> <exit status>
 */
public class PlainHost {
    public static void main(String[] args) throws Exception {
        System.out.println("HOST STARTED");
        for (String name : new String[] {"com.sun.jna.Native", "io.micrometer.core.instrument.MeterRegistry", "org.slf4j.LoggerFactory",
                "io.prometheus.metrics.model.registry.PrometheusRegistry", "io.github.dismagent.agent.AgentRuntime",
                "io.github.dismagent.monitor.DismMonitor"}) {
            try {
                Class.forName(name, false, ClassLoader.getSystemClassLoader());
                System.out.println("VISIBLE " + name);
            } catch (ClassNotFoundException e) {
                System.out.println("NOT VISIBLE " + name);
            }
        }
        Thread.sleep(Long.parseLong(args[0]));
        System.out.println("HOST DONE");
        int status = Integer.parseInt(args[1]);
        if (status != 0) {
            System.exit(status);
        }
        // status 0: main just returns, and the JVM must end although the agent's threads are running

    }
}
