package hostlog;

import java.util.logging.LogManager;

/** The host's own java.util.logging manager, as WildFly's org.jboss.logmanager.LogManager. */
public class HostLogManager extends LogManager {
}
