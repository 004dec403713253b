import com.sun.tools.attach.VirtualMachine;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The JMX view of dismagent, as JConsole would show it, for verify-dismagent.ps1: attaches to the
 * JVM's local management agent and reads or calls the DismImages MBean.
 * Usage: java JmxCheck.java <pid> show | refresh | remount <mountPath> | unmountDiscard <mountPath> | cleanupMountpoints
 */
public class JmxCheck {
    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName images = new ObjectName("io.github.dismagent:type=DismImages");
            switch (args[1]) {
                case "show" -> {
                    for (String attribute : new String[] {"Available", "Backend", "MountedCount", "LastError"}) {
                        System.out.println(attribute + "=" + server.getAttribute(images, attribute));
                    }
                    for (CompositeData row : (CompositeData[]) server.getAttribute(images, "MountedImages")) {
                        System.out.println("image\t" + row.get("MountPath") + "\t" + row.get("Status"));
                    }
                }
                case "refresh", "cleanupMountpoints" -> System.out.println(server.invoke(images, args[1], null, null));
                case "remount", "unmountDiscard" -> System.out.println(
                        server.invoke(images, args[1], new Object[] {args[2]}, new String[] {String.class.getName()}));
                default -> throw new IllegalArgumentException("unknown command " + args[1]);
            }
        }
    }
}
