import com.sun.jna.Library;
import com.sun.jna.Native;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host with its own, older, versions of the agent's libraries: JNA 4, Micrometer 1.5 with the
 * Prometheus simpleclient, SLF4J 1.7 with slf4j-simple. It uses each, and says which versions its
 * class loader sees, while the agent runs beside it.
 * Usage: ConflictingHost <sleep millis>
 */
public class ConflictingHost {
    public interface CLibrary extends Library {
        int getpid();
    }

    public static void main(String[] args) throws Exception {
        Logger log = LoggerFactory.getLogger(ConflictingHost.class);
        log.info("host logging through SLF4J 1.7");
        CLibrary c = (CLibrary) Native.loadLibrary("c", CLibrary.class);
        System.out.println("HOST JNA getpid=" + c.getpid() + " pid=" + ProcessHandle.current().pid() + " jna=" + Native.VERSION);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter counter = Counter.builder("host.requests").register(registry);
        counter.increment(3);
        System.out.println("HOST MICROMETER " + registry.scrape().lines().filter(l -> l.startsWith("host_requests_total")).findFirst().orElse("none"));
        System.out.println("HOST SEES " + where(Native.class) + " " + where(MeterRegistry.class) + " " + where(LoggerFactory.class));
        System.out.println("HOST SLF4J " + LoggerFactory.getILoggerFactory().getClass().getName());
        Thread.sleep(Long.parseLong(args[0]));
        log.info("host still logging");
        System.out.println("HOST DONE");
    }

    private static String where(Class<?> type) {
        String location = type.getProtectionDomain().getCodeSource().getLocation().getPath();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
