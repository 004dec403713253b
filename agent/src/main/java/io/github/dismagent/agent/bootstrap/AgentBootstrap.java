package io.github.dismagent.agent.bootstrap;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

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
        CodeSource source = AgentBootstrap.class.getProtectionDomain().getCodeSource();
        return new File(source.getLocation().toURI());
    }

    /**
     * Loads classes and resources from the {@code inst/} entries of the agent jar, where the
     * build put them with {@code .class} renamed {@code .classdata}: no other class loader, and no
     * tool scanning the class path for classes, finds them there.
     */
    static final class AgentClassLoader extends ClassLoader {
        private static final String PREFIX = "inst/";

        static {
            registerAsParallelCapable();
        }

        private final JarFile jar;
        private final String jarUrl;
        private final ProtectionDomain domain;

        AgentClassLoader(File jarFile, ClassLoader parent) throws IOException {
            super("dismagent", parent);
            this.jar = new JarFile(jarFile, false);
            this.jarUrl = "jar:" + jarFile.toURI() + "!/";
            this.domain = new ProtectionDomain(new CodeSource(jarFile.toURI().toURL(), (Certificate[]) null), null, this, null);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + ".classdata");
            if (entry == null) {
                throw new ClassNotFoundException(name);
            }
            try (InputStream in = jar.getInputStream(entry)) {
                // Exactly the class's size: every byte read here is garbage in the host's heap.
                byte[] bytes = entry.getSize() >= 0 ? in.readNBytes((int) entry.getSize()) : in.readAllBytes();
                int dot = name.lastIndexOf('.');
                if (dot > 0) {
                    String packageName = name.substring(0, dot);
                    if (getDefinedPackage(packageName) == null) {
                        try {
                            definePackage(packageName, null, null, null, null, null, null, null);
                        } catch (IllegalArgumentException alreadyDefinedConcurrently) {
                            // another thread defined it first
                        }
                    }
                }
                return defineClass(name, bytes, 0, bytes.length, domain);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }

        @Override
        protected URL findResource(String name) {
            String entryName = PREFIX + (name.endsWith(".class") ? name + "data" : name);
            if (jar.getJarEntry(entryName) == null) {
                return null;
            }
            try {
                return new URL(jarUrl + entryName);
            } catch (MalformedURLException e) {
                return null;
            }
        }

        @Override
        protected Enumeration<URL> findResources(String name) {
            URL url = findResource(name);
            return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
        }
    }
}
