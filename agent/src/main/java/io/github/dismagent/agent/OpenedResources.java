package io.github.dismagent.agent;

import io.github.dismagent.LogText;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent opened, closed in the reverse order: the view that reads a component goes before
 * the component (JMX and HTTP before the monitor, the monitor before the DISM session). A close that
 * fails does not keep the others open.
 */
final class OpenedResources {
    private static final Logger log = LoggerFactory.getLogger(OpenedResources.class);
    private final Deque<Named> opened = new ArrayDeque<>();

    private record Named(String name, AutoCloseable resource) {
    }

    /** Remembers something just opened; returns it, for use in an assignment. */
    synchronized <T extends AutoCloseable> T opened(String name, T resource) {
        opened.push(new Named(name, resource));
        return resource;
    }

    /** Closes everything, last opened first, once; never throws. */
    void closeAll() {
        while (true) {
            Named next;
            synchronized (this) {
                next = opened.poll();
            }
            if (next == null) {
                return;
            }
            try {
                next.resource().close();
            } catch (Throwable t) {
                // At JVM exit a failure is only worth a line, and the next resource still gets closed.
                try {
                    log.warn("Closing the {} failed: {}", next.name(), LogText.line(t.toString()));
                } catch (Throwable ignored) {
                    // the log itself is gone; nothing more to do without risking the host's exit
                }
            }
        }
    }
}
