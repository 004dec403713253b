package io.github.dismagent.monitor;

import io.github.dismagent.LogText;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's listeners, told each event in turn on the monitor thread. A listener that throws
 * is logged and does not stop the others or the monitor.
 */
final class Listeners {
    // The monitor's parts log as DismMonitor, the category users filter on (docs/reference.md, "Log").
    private static final Logger log = LoggerFactory.getLogger(DismMonitor.class);

    private final List<MonitorListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong delivered = new AtomicLong();

    /** Adds a listener and tells it its first event, which counts as delivered like any other. */
    void add(MonitorListener listener, Consumer<MonitorListener> first) {
        listeners.add(listener);
        tell(listener, first);
        delivered.incrementAndGet();
    }

    void remove(MonitorListener listener) {
        listeners.remove(listener);
    }

    /** Tells every listener; counts the event once every listener has returned. */
    void tell(Consumer<MonitorListener> event) {
        for (MonitorListener listener : listeners) {
            tell(listener, event);
        }
        delivered.incrementAndGet();
    }

    /** How many events every listener has been told of: it moves only after they all returned. */
    long delivered() {
        return delivered.get();
    }

    private static void tell(MonitorListener listener, Consumer<MonitorListener> event) {
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            log.warn("A dismagent monitor listener ({}) failed: {}", listener.getClass().getName(), LogText.line(e.toString()), e);
        }
    }
}
