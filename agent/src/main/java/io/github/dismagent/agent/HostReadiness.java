package io.github.dismagent.agent;

import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.management.MBeanServerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits, when the host needs it, before the agent does something that sets up a JVM-wide facility
 * the host means to set up first:
 * <ul>
 *   <li>{@code java.util.logging}: WildFly/JBoss name their log manager in
 *       {@code java.util.logging.manager} and load it from a module later. JNA, the JDK's HTTP server
 *       and the platform MBeanServer all initialise java.util.logging, so the agent starts them only
 *       once the host's log manager class is loaded (or when the system class loader can load it,
 *       in which case the JDK would find it anyway).</li>
 *   <li>the platform MBeanServer: a host that names its own {@code javax.management.builder.initial}
 *       creates it; the agent registers its MBeans once it exists.</li>
 * </ul>
 * Each wait is bounded; without those properties nothing waits.
 */
final class HostReadiness {
    private static final Logger log = LoggerFactory.getLogger(HostReadiness.class);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(2);
    private static final long POLL_MILLIS = 100;

    private final Instrumentation instrumentation;

    HostReadiness(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    void awaitLogManager() {
        pendingClass("java.util.logging.manager").ifPresent(manager -> await("the host's log manager " + manager,
                () -> isLoaded(manager), "java.util.logging"));
    }

    void awaitPlatformMBeanServer() {
        pendingClass("javax.management.builder.initial").ifPresent(builder -> await("the host's MBeanServer (built by " + builder + ")",
                () -> !MBeanServerFactory.findMBeanServer(null).isEmpty(), "the platform MBeanServer"));
    }

    /** The class a property names, when set and not yet loadable by the system class loader. */
    private static Optional<String> pendingClass(String property) {
        String name = System.getProperty(property);
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            Class.forName(name.strip(), false, ClassLoader.getSystemClassLoader());
            return Optional.empty(); // the JDK will find it by itself
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.of(name.strip());
        }
    }

    private boolean isLoaded(String className) {
        return instrumentation != null
                && Arrays.stream(instrumentation.getAllLoadedClasses()).anyMatch(c -> c.getName().equals(className));
    }

    private static void await(String what, BooleanSupplier ready, String facility) {
        if (ready.getAsBoolean()) {
            return;
        }
        log.info("Waiting for {} before starting (it must set up {} first)", what, facility);
        long deadline = System.nanoTime() + LONGEST_WAIT.toNanos();
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                log.warn("{} did not appear within {} min; starting anyway", what, LONGEST_WAIT.toMinutes());
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.info("{} is ready; starting", what);
    }
}
