package io.github.dismagent.agent.cli;

import io.github.dismagent.DismagentVersion;
import io.github.dismagent.agent.cli.DoctorReport.Mark;
import io.github.dismagent.agent.config.AgentConfig;
import io.github.dismagent.agent.config.AgentOptions;
import io.github.dismagent.agent.config.ConfigLoader;
import io.github.dismagent.agent.security.EndpointSecurity;
import io.github.dismagent.dism.DismPlatform;
import io.github.dismagent.dism.JnaSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code java -jar dismagent.jar doctor [key=value,...]}: what an admin runs, elevated, before
 * attaching dismagent to a production JVM. It reads the options as the agent would (arguments,
 * {@code dismagent.*} system properties, {@code DISMAGENT_*} variables, the config file), checks
 * the platform, loads and initialises DISM, reads the mount table, tries the HTTP port, and says
 * for each OK, WARN or FAIL. It never changes a mount.
 */
final class Doctor {
    private final DoctorReport report;
    private final DismPlatform platform;

    Doctor(PrintStream out, DismPlatform platform) {
        this.report = new DoctorReport(out);
        this.platform = platform;
    }

    /** @return 0 when the agent would work, 1 otherwise */
    int run(String options, Map<String, String> systemProperties, Map<String, String> environment) throws InterruptedException {
        ConfigLoader.Result loaded = ConfigLoader.load(options, systemProperties, environment);
        AgentConfig config = loaded.config();
        report.line(Mark.OK, "dismagent", DismagentVersion.get() + " doctor; a self-check that changes nothing");
        checkPlatform();
        checkElevation();
        loaded.problems().stream().filter(p -> p.startsWith(AgentOptions.DISM_LIBRARY.key() + "=")).forEach(p -> report.line(Mark.FAIL,
                "DISM library", p + "; the agent would load the default, which is checked below"));
        new DismCheck(config.dismSettings(), config.get(AgentOptions.CALL_TIMEOUT), report).run(platform);
        checkHttp(config);
        checkOptions(loaded);
        checkJnaSettings();
        return report.conclude();
    }

    private void checkPlatform() {
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version");
        String jvm = System.getProperty("sun.arch.data.model", "?") + "-bit JVM " + System.getProperty("java.version")
                + " (" + System.getProperty("java.home") + ")";
        String line = os + ", " + System.getProperty("os.arch") + ", " + jvm;
        if (platform.isWow64()) {
            report.line(Mark.FAIL, "Platform", line + ": a 32-bit JVM on 64-bit Windows, which DISM does not support; run the server on a 64-bit JVM");
        } else if (!platform.isWindows()) {
            report.line(Mark.WARN, "Platform", line + ": not Windows. DISM exists only on Windows; here the DismAPI emulator, "
                    + "a test and demo double, stands in for it");
        } else {
            report.line(Mark.OK, "Platform", line);
        }
    }

    private void checkElevation() {
        if (!platform.isWindows()) {
            report.line(Mark.SKIP, "Elevation", "not Windows");
            return;
        }
        platform.isElevated().ifPresentOrElse(
                elevated -> report.line(elevated ? Mark.OK : Mark.FAIL, "Elevation", elevated ? "this process runs elevated"
                        : "this process is not elevated, and DISM requires it: run from an administrator prompt, and the server as an "
                        + "account in Administrators"),
                () -> report.line(Mark.WARN, "Elevation", "the process token could not be read; DismInitialize below says whether DISM accepts it"));
    }

    private void checkHttp(AgentConfig config) {
        int port = config.get(AgentOptions.PORT);
        String bind = config.get(AgentOptions.BIND);
        if (port < 0) {
            report.line(Mark.SKIP, "HTTP", "disabled (port=-1); JMX still works");
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(bind, port));
            report.line(Mark.OK, "HTTP", bind + ":" + (port == 0 ? "0 (any free port)" : port) + " can be taken");
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            report.line(Mark.FAIL, "HTTP", bind + ":" + port + " cannot be taken (" + e.getMessage() + "): another program listens there "
                    + "(dismagent itself, if it already runs in a JVM with this port) or the address is not this machine's; "
                    + "choose another port= or bind=");
        }
        try {
            EndpointSecurity security = EndpointSecurity.from(config.securityOptions());
            report.line(Mark.OK, "HTTP security", security.describe());
            security.warnings().forEach(w -> report.line(Mark.WARN, "HTTP security", w));
        } catch (RuntimeException e) {
            report.line(Mark.FAIL, "HTTP security", "no HTTP endpoint would start: " + e.getMessage());
        }
    }

    private void checkOptions(ConfigLoader.Result loaded) {
        if (loaded.problems().isEmpty()) {
            report.line(Mark.OK, "Options", loaded.config().describe());
            return;
        }
        report.line(Mark.FAIL, "Options", loaded.config().describe());
        for (String problem : loaded.problems()) {
            report.detail("problem: " + problem);
        }
    }

    private void checkJnaSettings() {
        List<String> jvmWide = JnaSettings.PROPERTIES.stream().filter(p -> System.getProperty(p) != null).toList();
        if (jvmWide.isEmpty()) {
            report.line(Mark.OK, "JNA settings", "none of " + String.join(", ", JnaSettings.PROPERTIES) + " is set");
            return;
        }
        boolean onlyTmpdir = jvmWide.equals(List.of("jna.tmpdir"));
        report.line(onlyTmpdir ? Mark.OK : Mark.WARN, "JNA settings", JnaSettings.setByTheHost().orElse("")
                + (onlyTmpdir ? "" : ": these apply to dismagent's JNA too; set in the server's JVM, they change which native part it loads"));
    }

    /** This JVM's {@code dismagent.*} system properties, as the agent would read them. */
    static Map<String, String> systemProperties() {
        return System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("dismagent."))
                .collect(Collectors.toMap(n -> n, System::getProperty));
    }
}
