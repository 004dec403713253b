package io.github.dismagent.agent.cli;

import io.github.dismagent.agent.config.ConfigLoader;
import io.github.dismagent.dism.DismPlatform;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code java -jar dismagent.jar attach <pid> [key=value,...]}, {@code list}, {@code doctor} and {@code hash-password}.
 * This is a process of its own, never the host: it ends with an exit status (0 done, 1 failed,
 * 2 wrong usage).
 */
public final class AgentCli {
    static final String USAGE = String.join(System.lineSeparator(),
            "usage:",
            "  java -jar dismagent.jar attach <pid> [key=value,...]   load dismagent into a running JVM",
            "  java -jar dismagent.jar list                           the JVMs it can be loaded into",
            "  java -jar dismagent.jar doctor [key=value,...]         check, before attaching, that dismagent works here",
            "  java -jar dismagent.jar hash-password [--iterations N] a password hash for httpPasswordHash",
            "  java -javaagent:dismagent.jar[=key=value,...] ...      load it at start-up",
            "Options are those of the README (port, bind, interval, ...).");

    private AgentCli() {
    }

    /** Called by the bootstrap with the path of the agent jar. */
    public static void main(String[] args, String agentJar) {
        int status = run(args, agentJar, System.out, System.err);
        System.exit(status); // this CLI's own process, not a host JVM
    }

    static int run(String[] args, String agentJar, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("help", "-h", "--help").contains(args[0])) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        if (command.equals("hash-password")) {
            return HashPassword.run(args, System.console(), System.in, out, err);
        }
        if (command.equals("doctor")) {
            return doctor(args, out, err);
        }
        if (!command.equals("attach") && !command.equals("list")) {
            err.println("unknown command '" + command + "'");
            err.println(USAGE);
            return 2;
        }
        if (ModuleLayer.boot().findModule("jdk.attach").isEmpty()) {
            err.println("This Java runtime (" + System.getProperty("java.home") + ") has no Attach API (module jdk.attach): run the "
                    + "command with the java of a full JDK, or load dismagent at start-up with -javaagent.");
            return 1;
        }
        if (command.equals("list")) {
            return Attacher.list(out);
        }
        if (args.length < 2 || args.length > 3) {
            err.println("attach needs a process id and, optionally, options: attach <pid> [key=value,...]");
            return 2;
        }
        String options = args.length == 3 ? args[2] : "";
        List<String> problems = ConfigLoader.load(options, java.util.Map.of(), java.util.Map.of()).problems();
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("option problem: " + p));
            err.println("Nothing was attached; fix the options and try again.");
            return 2;
        }
        return Attacher.attach(args[1], options, agentJar, out, err);
    }

    private static int doctor(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 2) {
            err.println("doctor takes at most one argument, the options: doctor [key=value,...]");
            return 2;
        }
        try {
            return new Doctor(out, DismPlatform.current()).run(args.length == 2 ? args[1] : "", Doctor.systemProperties(), System.getenv());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
