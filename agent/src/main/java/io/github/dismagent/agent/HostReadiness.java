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
 *   <li>{@code java.util.logging}: whoever first touches it fixes the log manager for the life of the
 *       JVM. JNA, the JDK's HTTP server and the platform MBeanServer all touch it. WildFly's
 *       jboss-modules sets {@code java.util.logging.manager} in its own {@code main()}, after
 *       {@code premain}, then installs its log manager from a module; if the agent's thread touches
 *       java.util.logging first, or in between, WildFly fails to boot. So on such a launcher, or when
 *       the property names a class the system class loader cannot load, the agent waits until the
 *       property is set and its class is loaded (which happens inside the JDK's own log manager
 *       set-up, so a later touch waits for that set-up to finish instead of racing it).</li>
 *   <li>the platform MBeanServer: a host that names its own {@code javax.management.builder.initial}
 *       (jboss-modules sets it late, too) creates it; the agent registers its MBeans once it exists.</li>
 * </ul>
 * Each wait is bounded; on a plain JVM nothing waits.
 */
final class HostReadiness {
    private static final Logger log = LoggerFactory.getLogger(HostReadiness.class);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(2);
    private static final long POLL_MILLIS = 50;
    static final String LOG_MANAGER_PROPERTY = "java.util.logging.manager";
    private static final String MBEAN_SERVER_BUILDER_PROPERTY = "javax.management.builder.initial";
    /** Launchers that install their own log manager and MBeanServer builder after premain, by their main class. */
    private static final String[] LATE_SETUP_LAUNCHERS = {"org/jboss/modules/Main.class", "org/wildfly/core/jar/boot/Main.class"};

    private final Instrumentation instrumentation;
    private final boolean lateSetupLauncher;

    HostReadiness(Instrumentation instrumentation) {
        this(instrumentation, Arrays.stream(LATE_SETUP_LAUNCHERS).anyMatch(HostReadiness::onSystemClassPath));
    }

    HostReadiness(Instrumentation instrumentation, boolean lateSetupLauncher) {
        this.instrumentation = instrumentation;
        this.lateSetupLauncher = lateSetupLauncher;
    }

    /** True when the host has (or will have) a log manager of its own, i.e. routes java.util.logging somewhere it chose. */
    static boolean hostHasOwnLogManager() {
        String name = System.getProperty(LOG_MANAGER_PROPERTY);
        return name != null && !name.isBlank() && !name.strip().equals("java.util.logging.LogManager");
    }

    void awaitLogManager() {
        String named = System.getProperty(LOG_MANAGER_PROPERTY);
        boolean pending = named != null && !named.isBlank() && !loadableBySystemClassLoader(named.strip());
        if (!pending && !(lateSetupLauncher && (named == null || named.isBlank()))) {
            return;
        }
        await(named == null || named.isBlank() ? "the launcher to install its log manager" : "the host's log manager " + named.strip(),
                this::logManagerInstalled, "java.util.logging");
    }

    void awaitPlatformMBeanServer() {
        String builder = System.getProperty(MBEAN_SERVER_BUILDER_PROPERTY);
        boolean pending = builder != null && !builder.isBlank() && !loadableBySystemClassLoader(builder.strip());
        if (pending || lateSetupLauncher) {
            await(builder == null ? "the host to create the platform MBeanServer" : "the host's MBeanServer (built by " + builder.strip() + ")",
                    () -> !MBeanServerFactory.findMBeanServer(null).isEmpty(), "the platform MBeanServer");
        }
    }

    /** The log manager the property names is in place (the JDK loads it while setting up java.util.logging). */
    boolean logManagerInstalled() {
        String name = System.getProperty(LOG_MANAGER_PROPERTY);
        if (name == null || name.isBlank()) {
            return false;
        }
        return loadableBySystemClassLoader(name.strip()) || isLoaded(name.strip());
    }

    private static boolean onSystemClassPath(String resource) {
        try {
            return ClassLoader.getSystemClassLoader().getResource(resource) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean loadableBySystemClassLoader(String name) {
        try {
            Class.forName(name, false, ClassLoader.getSystemClassLoader());
            return true; // the JDK will find it by itself, whichever thread asks first
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
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
                log.warn("{} did not happen within {} min; starting anyway", what, LONGEST_WAIT.toMinutes());
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.info("Done waiting for {}; starting", what);
    }
}
