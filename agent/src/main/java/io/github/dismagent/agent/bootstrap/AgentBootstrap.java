package io.github.dismagent.agent.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;

/**
 * The only dismagent classes the host's class loader sees. {@code premain} and {@code agentmain}
 * start one daemon thread and return at once; that thread loads the agent from entries of this jar
 * under {@code inst/} (classes renamed {@code .classdata}) through a class loader of its own whose
 * parent is the platform loader, so the host never sees the agent's JNA, Micrometer, Prometheus
 * client or SLF4J, and the agent never sees the host's. Nothing here throws, exits or waits.
 */
public final class AgentBootstrap {
    private static final String RUNTIME = "io.github.dismagent.agent.AgentRuntime";
    private static final String CLI = "io.github.dismagent.agent.cli.AgentCli";
    private static final Object LOCK = new Object();
    private static ClassLoader agentLoader;
    private static boolean started;
    private static int loads;
    /** AgentStatus.LOADS: read by the attach command over the attach connection. */
    private static final String LOADS_PROPERTY = "io.github.dismagent.loads";

    private AgentBootstrap() {
    }

    /** {@code -javaagent:dismagent.jar[=options]}. */
    public static void premain(String options, Instrumentation instrumentation) {
        start(options, instrumentation, "-javaagent");
    }

    /** Loaded into a running JVM through the Attach API. */
    public static void agentmain(String options, Instrumentation instrumentation) {
        start(options, instrumentation, "attach");
    }

    /** {@code java -jar dismagent.jar attach <pid> [options]} and {@code list}. */
    public static void main(String[] args) throws Exception {
        // The command line needs jdk.attach, which the application class loader defines.
        ClassLoader cli = new AgentClassLoader(agentJar(), ClassLoader.getSystemClassLoader());
        Class.forName(CLI, true, cli).getMethod("main", String[].class, String.class).invoke(null, args, agentJar().getPath());
    }

    private static void start(String options, Instrumentation instrumentation, String how) {
        try {
            boolean again;
            synchronized (LOCK) {
                again = started;
                started = true;
                loads++;
                System.setProperty(LOADS_PROPERTY, Integer.toString(loads));
            }
            Thread thread = new Thread(() -> run(options, instrumentation, how, again), again ? "dismagent-second-load" : "dismagent-init");
            thread.setDaemon(true);
            thread.start();
        } catch (Throwable t) {
            report("dismagent could not start its thread and is not running: " + t);
        }
    }

    private static void run(String options, Instrumentation instrumentation, String how, boolean again) {
        try {
            ClassLoader loader;
            synchronized (LOCK) {
                if (agentLoader == null) {
                    agentLoader = new AgentClassLoader(agentJar(), ClassLoader.getPlatformClassLoader());
                }
                loader = agentLoader;
            }
            Class<?> runtime = Class.forName(RUNTIME, true, loader);
            if (again) {
                runtime.getMethod("loadedAgain", String.class, String.class).invoke(null, how, options);
            } else {
                runtime.getMethod("start", String.class, Instrumentation.class, String.class).invoke(null, options, instrumentation, how);
            }
        } catch (Throwable t) {
            report("dismagent failed to start and is not running (the application is not affected): " + t);
        }
    }

    private static void report(String message) {
        try {
            System.err.println(message);
        } catch (Throwable ignored) {
            // nothing more can be done without risking the host
        }
    }

    private static File agentJar() throws Exception {
        return AgentJarLocation.of(AgentBootstrap.class);
    }
}
