import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.logging.LogManager;
import javax.management.ObjectName;

/**
 * A host that sets up java.util.logging the way WildFly does: -Djava.util.logging.manager names a
 * class that the system class loader cannot load; the host loads it later from a class loader of
 * its own (jboss-modules) and only then initialises LogManager. If anything initialised
 * java.util.logging before, the host ends up with the wrong manager.
 * Usage: JbossStyleHost <directory of the log manager's classes> <wait millis before setting up logging>
 */
public class JbossStyleHost {
    public static void main(String[] args) throws Exception {
        System.out.println("HOST STARTED");
        Thread.sleep(Long.parseLong(args[1])); // the server's boot, while the agent starts beside it
        ClassLoader modules = new URLClassLoader(new URL[] {Path.of(args[0]).toUri().toURL()}, JbossStyleHost.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(modules);
        String manager = LogManager.getLogManager().getClass().getName();
        System.out.println("HOST LOG MANAGER " + manager);
        ObjectName agent = new ObjectName("io.github.dismagent:type=DismImages");
        long deadline = System.currentTimeMillis() + 20_000;
        while (!ManagementFactory.getPlatformMBeanServer().isRegistered(agent) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        System.out.println("HOST SEES AGENT MBEAN " + ManagementFactory.getPlatformMBeanServer().isRegistered(agent));
        System.out.println("HOST DONE");
    }
}
