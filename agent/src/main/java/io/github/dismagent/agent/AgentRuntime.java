package io.github.dismagent.agent;

import io.github.dismagent.LogText;
import io.github.dismagent.agent.config.AgentConfig;
import io.github.dismagent.agent.config.AgentOptions;
import io.github.dismagent.agent.config.ConfigLoader;
import io.github.dismagent.agent.http.AgentRoutes;
import io.github.dismagent.agent.http.HealthCheck;
import io.github.dismagent.agent.http.HttpEndpoint;
import io.github.dismagent.agent.http.MetricsPage;
import io.github.dismagent.agent.http.PageNotes;
import io.github.dismagent.monitor.OperatorAdvice;
import io.github.dismagent.agent.http.StatusPage;
import io.github.dismagent.agent.security.EndpointSecurity;
import io.github.dismagent.agent.logging.AgentLog;
import io.github.dismagent.DismagentVersion;
import io.github.dismagent.dism.DismSession;
import io.github.dismagent.jmx.DismJmx;
import io.github.dismagent.metrics.DismMetrics;
import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.Durations;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent inside the host: reads the configuration, then starts the HTTP endpoint, the DISM
 * monitor and the JMX view. Runs on the bootstrap's daemon thread, never on the host's; nothing
 * leaves it as an exception.
 */
public final class AgentRuntime {
    private static final Logger log = LoggerFactory.getLogger(AgentRuntime.class);

    private final OpenedResources resources = new OpenedResources();
    private volatile HttpEndpoint http;
    /** Why there is no endpoint, when startHttp gave up before creating one. */
    private volatile String httpRefusal = "disabled: the Prometheus registry could not be created (see the log)";

    /** Test seam: called with each step's name as the start enters it; may throw an Error. Null in production. */
    static volatile Consumer<String> startFault;
    static final Duration FIRST_RESUME_WAIT = Duration.ofSeconds(1);
    static final Duration LONGEST_RESUME_WAIT = Duration.ofSeconds(30);

    private final HealthCheck health = new HealthCheck();
    // The start's steps, each done once (touched on the bootstrap's thread only).
    private String step = "";
    private AgentConfig config;
    private HostReadiness host;
    private DismSession session;
    private volatile DismMonitor monitor;
    private boolean shutdownHookAdded;
    private boolean httpStarted;
    private boolean monitorStarted;
    private boolean mbeansDone;

    private AgentRuntime() {
    }

    /** Called by the bootstrap's thread. */
    public static void start(String options, Instrumentation instrumentation, String how) {
        try {
            new AgentRuntime().startResumingAfterErrors(options, instrumentation, how);
        } catch (Throwable t) {
            try {
                AgentStatus.set("failed: " + t);
                log.error("dismagent stopped starting because of an unexpected error; the application is not affected", t);
            } catch (Throwable ignored) {
                // logging itself failed: nothing more to do without risking the host
            }
        }
    }

    /** A second {@code -javaagent} or attach into the same JVM: logged, nothing else. */
    public static void loadedAgain(String how, String options) {
        String state = System.getProperty(AgentStatus.STATE, "");
        AgentStatus.set(state.replaceFirst("; last load ignored.*$", "") + "; last load ignored (" + how + ": already running)");
        log.warn("dismagent is already running in this JVM; this second load ({}{}) is ignored", how,
                options == null || options.isBlank() ? "" : " with " + LogText.quoted(ConfigLoader.masked(options)));
    }

    /**
     * Runs the steps of the start that have not run yet; an {@link Error} (an OutOfMemoryError in a
     * starved host) interrupts it, and it resumes from the interrupted step after a wait, 1 s and
     * twice as long each time up to {@link #LONGEST_RESUME_WAIT}, for as long as it takes.
     */
    private void startResumingAfterErrors(String options, Instrumentation instrumentation, String how) throws InterruptedException {
        long waitMillis = FIRST_RESUME_WAIT.toMillis();
        while (true) {
            try {
                startRemainingSteps(options, instrumentation, how);
                health.startResumed();
                return;
            } catch (Error e) {
                // Nothing here may end the resuming: the heap may still be full, so the report can
                // fail, and the wait is long arithmetic (Duration.multipliedBy would be the first use
                // of BigDecimal, whose initialisation fails for good on a full heap).
                reportInterrupted(e, waitMillis);
                Thread.sleep(waitMillis);
                waitMillis = Math.min(2 * waitMillis, LONGEST_RESUME_WAIT.toMillis());
            }
        }
    }

    private void reportInterrupted(Error e, long waitMillis) {
        try {
            String why = e + " at step '" + step + "'; resuming in " + Durations.format(Duration.ofMillis(waitMillis));
            health.startInterrupted(why);
            AgentStatus.set("starting: interrupted by " + why + "; " + endpoint());
            log.warn("dismagent's start was interrupted by {}; the application is not affected", LogText.line(why));
        } catch (Throwable ignored) {
            // out of memory for the report too: the next interruption or the resumed start says it
        }
    }

    private void startRemainingSteps(String options, Instrumentation instrumentation, String how) {
        if (config == null) {
            enter("configuration");
            configure(options, instrumentation, how);
        }
        if (monitor == null) {
            enter("monitor");
            if (!shutdownHookAdded) {
                Runtime.getRuntime().addShutdownHook(new Thread(resources::closeAll, "dismagent-shutdown"));
                shutdownHookAdded = true;
            }
            if (session == null) {
                session = DismSession.create(config.dismSettings());
                // At JVM exit DISM gets a couple of seconds to shut down; the JVM is never held up longer.
                resources.opened("DISM session", () -> session.close(Duration.ofSeconds(2)));
            }
            monitor = resources.opened("monitor", DismMonitor.create(session, config.monitorSettings()));
            health.monitor(monitor);
            resources.opened("watchdog", new AgentWatchdog(() -> monitor, () -> http).start());
        }
        if (!httpStarted) {
            enter("HTTP endpoint");
            startHttp(config, instrumentation, monitor);
            httpStarted = true;
        }
        if (!monitorStarted) {
            enter("monitor start");
            monitor.start();
            monitorStarted = true;
        }
        if (!mbeansDone) {
            enter("MBeans");
            AgentStatus.set("running: " + endpoint() + "; MBeans: waiting for the host's MBeanServer");
            host.awaitPlatformMBeanServer();
            registerMBeans();
            mbeansDone = true;
        }
    }

    private void enter(String name) {
        step = name;
        Consumer<String> fault = startFault;
        if (fault != null) {
            fault.accept(name);
        }
    }

    private void configure(String options, Instrumentation instrumentation, String how) {
        ConfigLoader.Result loaded = ConfigLoader.load(options, systemProperties(), System.getenv());
        AgentConfig loadedConfig = loaded.config();
        String logProblem = AgentLog.configure(loadedConfig.get(AgentOptions.LOG_LEVEL),
                loadedConfig.get(AgentOptions.LOG_FILE));
        HostReadiness readiness = new HostReadiness(instrumentation);
        boolean toHostLog = loadedConfig.get(AgentOptions.LOG_FILE) == null;
        if (toHostLog && HostReadiness.hostHasOwnLogManager() && readiness.logManagerInstalled()) {
            AgentLog.routeToHostLogging(); // attached into a running server, or loaded by jboss-modules (MODULE_OPTS)
        }
        log.info("dismagent {} starting ({}) in JVM {}", DismagentVersion.get(), how, ProcessHandle.current().pid());
        if (logProblem != null) {
            log.warn("{}", logProblem);
        }
        loaded.problems().forEach(problem -> log.warn("Configuration: {}", LogText.line(problem)));
        log.info("Configuration: {}", LogText.line(loadedConfig.describe()));

        AgentStatus.set("starting");
        readiness.awaitLogManager();
        if (toHostLog && HostReadiness.hostHasOwnLogManager() && !AgentLog.routedToHostLogging()) {
            log.info("The host has its own log manager ({}): the agent's lines go to the host's log from now on, categories "
                    + "io.github.dismagent.*", System.getProperty(HostReadiness.LOG_MANAGER_PROPERTY));
            AgentLog.routeToHostLogging();
        }
        host = readiness;
        config = loadedConfig;
    }

    private void registerMBeans() {
        try {
            DismJmx jmx = resources.opened("MBeans", DismJmx.register(ManagementFactory.getPlatformMBeanServer(),
                    config.get(AgentOptions.JMX_DOMAIN), monitor, () -> http == null ? httpRefusal : http.describe()));
            log.info("MBeans registered as {}", jmx.imagesName());
            AgentStatus.set("running: " + endpoint() + "; MBeans: " + jmx.imagesName());
        } catch (Exception e) {
            log.warn("The MBeans could not be registered ({}); /metrics still works", LogText.line(e.toString()));
            AgentStatus.set("running: " + endpoint() + "; MBeans: not registered (" + e + ")");
        }
    }

    private String endpoint() {
        return http == null ? "HTTP " + httpRefusal : http.describe();
    }

    private void startHttp(AgentConfig config, Instrumentation instrumentation, DismMonitor monitor) {
        PrometheusMeterRegistry registry;
        try {
            registry = PrometheusRegistryFactory.create();
            resources.opened("Prometheus registry", registry::close);
        } catch (RuntimeException e) {
            log.warn("The Prometheus registry cannot be created because of the host's Prometheus client settings ({}): fix or remove "
                    + "that setting (io.prometheus.* system property, IO_PROMETHEUS_* variable, prometheus.config file). No /metrics; "
                    + "JMX works.", LogText.line(e.getMessage()));
            return;
        }
        EndpointSecurity security;
        try {
            security = config.get(AgentOptions.PORT) < 0 ? EndpointSecurity.none() : EndpointSecurity.from(config.securityOptions());
        } catch (IllegalArgumentException e) {
            // Fail closed: no endpoint rather than one with less protection than was asked for.
            httpRefusal = "not listening: " + e.getMessage();
            log.error("HTTP endpoint not started: {}. It is not served with less protection than configured; fix the option and "
                    + "restart the JVM with it (a second attach into this JVM is ignored: the agent loads once per JVM). JMX works.",
                    LogText.line(e.getMessage()));
            return;
        }
        new DismMetrics(monitor).bindTo(registry);
        HttpEndpoint endpoint = new HttpEndpoint(config.get(AgentOptions.BIND), config.get(AgentOptions.PORT),
                new AgentRoutes(MetricsPage.of(registry, PrometheusRegistryFactory.formats(), monitor),
                        new StatusPage(monitor::snapshot, hostName(), config.get(AgentOptions.JMX_DOMAIN), new PageNotes(monitor::advice,
                                image -> monitor.operationOf(image).orElse(""), OperatorAdvice::whenUnavailable)), health),
                security, instrumentation);
        http = resources.opened("HTTP endpoint", endpoint);
        endpoint.start();
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> copy = new HashMap<>();
        System.getProperties().forEach((k, v) -> copy.put(String.valueOf(k), String.valueOf(v)));
        return copy;
    }

    /** The machine's name without a DNS lookup, which could hang on a misconfigured server. */
    private static String hostName() {
        String windows = System.getenv("COMPUTERNAME");
        if (windows != null && !windows.isBlank()) {
            return windows;
        }
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).strip();
        } catch (Exception e) {
            return "this machine";
        }
    }
}
