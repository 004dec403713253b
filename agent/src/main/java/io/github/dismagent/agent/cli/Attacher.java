package io.github.dismagent.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import io.github.dismagent.agent.AgentStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** The JDK Attach API, used only once {@link AgentCli} knows the runtime has it. */
final class Attacher {
    /**
     * The longest argument of an attach command a HotSpot JVM accepts (1,024 bytes with its terminating
     * NUL, {@code AttachOperation::arg_length_max}, on JDK 17; newer attach protocols take more, seen on JDK 25);
     * the agent's argument is {@code <jar path>=<options>}. Only a failed attach is explained with it.
     */
    static final int ATTACH_ARGUMENT_LIMIT = 1023;

    private Attacher() {
    }

    static int agentArgumentBytes(String agentJar, String options) {
        String argument = options == null || options.isEmpty() ? agentJar : agentJar + "=" + options;
        return argument.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    static int list(PrintStream out) {
        long self = ProcessHandle.current().pid();
        List<VirtualMachineDescriptor> vms = VirtualMachine.list().stream().filter(d -> !d.id().equals(Long.toString(self))).toList();
        if (vms.isEmpty()) {
            out.println("No JVM of user " + System.getProperty("user.name") + " accepts an agent on this machine "
                    + "(JVMs of other users are not listed; run as that user).");
            return 0;
        }
        out.println("PID\tJVM");
        vms.forEach(d -> out.println(d.id() + "\t" + (d.displayName().isBlank() ? "(no main class shown)" : d.displayName())));
        return 0;
    }

    static int attach(String pidText, String options, String agentJar, PrintStream out, PrintStream err) {
        long pid;
        try {
            pid = Long.parseLong(pidText);
            if (pid <= 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            err.println("'" + pidText + "' is not a process id; 'java -jar dismagent.jar list' shows the JVMs and their ids");
            return 2;
        }
        if (pid == ProcessHandle.current().pid()) {
            err.println("process " + pid + " is this command itself; give the id of the server's JVM");
            return 2;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            err.println("there is no process " + pid + " on this machine; 'java -jar dismagent.jar list' shows the JVMs and their ids");
            return 1;
        }
        Optional<String> owner = process.get().info().user();
        String me = System.getProperty("user.name");
        boolean otherUser = owner.isPresent() && !sameUser(owner.get(), me);
        String outcome;
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                int loadsBefore = loads(vm.getSystemProperties());
                vm.loadAgent(agentJar, options);
                outcome = AttachOutcome.await(vm, pid, loadsBefore);
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException | IOException e) {
            int length = agentArgumentBytes(agentJar, options);
            if (otherUser) {
                err.println("cannot attach to process " + pid + ": it runs as " + owner.get() + " and this command as " + me
                        + "; the Attach API only reaches JVMs of the same user. Run the command as " + owner.get() + ".");
            } else if (length > ATTACH_ARGUMENT_LIMIT) {
                err.println("cannot attach to process " + pid + " (" + e.getMessage() + "): the agent's argument, the jar's path and "
                        + "the options, is " + length + " bytes, and the JDK's Attach API takes at most " + ATTACH_ARGUMENT_LIMIT
                        + " (the JVM closes the connection on a longer one). Put the options in a .properties file and attach with "
                        + "config=<that file> alone, or shorten the jar's path.");
            } else {
                err.println("cannot attach to process " + pid + " (" + e.getMessage() + "): it may not be a JVM, or it refuses agents "
                        + "(-XX:+DisableAttachMechanism); 'java -jar dismagent.jar list' shows the JVMs that accept one.");
            }
            return 1;
        } catch (AgentLoadException | AgentInitializationException e) {
            err.println("process " + pid + " did not load dismagent: " + e.getMessage());
            return 1;
        }
        out.println(outcome);
        return 0;
    }

    private static int loads(java.util.Properties properties) {
        try {
            return Integer.parseInt(properties.getProperty(AgentStatus.LOADS, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Windows reports users as DOMAIN\\name. */
    private static boolean sameUser(String owner, String me) {
        String bare = owner.contains("\\") ? owner.substring(owner.lastIndexOf('\\') + 1) : owner;
        return bare.equalsIgnoreCase(me);
    }
}
