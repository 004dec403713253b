import java.util.ResourceBundle;

/**
 * The fault injection of DispatcherDeathIT: a System.LoggerFinder (installed through
 * META-INF/services, which the test writes) whose loggers of the JDK's HTTP server
 * ("com.sun.net.httpserver") throw OutOfMemoryError as an allocation on a full heap would. Once armed,
 * the first call on the server's HTTP-Dispatcher thread (the JDK logs "Write Finished" inside its
 * dispatcher loop after each exchange) throws it there, which ends that thread from inside the JDK's
 * own loop as a real OutOfMemoryError does; for the next seconds the heap stays "full": every call on
 * the dispatcher and on the agent's threads throws too (JDK 25's HttpServer.stop logs before it closes
 * its listening socket, as it allocates there).
 */
public class HeapFullLoggerFinder extends System.LoggerFinder {
    static volatile boolean armed;
    static volatile long fullSeconds;
    static volatile long fullUntilNanos;
    static volatile boolean full;

    @Override
    public System.Logger getLogger(String name, Module module) {
        boolean server = name.equals("com.sun.net.httpserver");
        return new System.Logger() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public boolean isLoggable(Level level) {
                if (server) {
                    allocate();
                }
                return false;
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
                if (server) {
                    allocate();
                }
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String format, Object... parameters) {
                if (server) {
                    allocate();
                }
            }
        };
    }

    private static void allocate() {
        String thread = Thread.currentThread().getName();
        boolean dispatcher = thread.equals("HTTP-Dispatcher");
        if (armed && dispatcher) {
            armed = false;
            fullUntilNanos = System.nanoTime() + fullSeconds * 1_000_000_000L;
            full = true;
            System.out.println("HOST DISPATCHER ENDED BY AN INJECTED OutOfMemoryError");
        }
        if (full && System.nanoTime() - fullUntilNanos < 0 && (dispatcher || thread.startsWith("dismagent-"))) {
            throw new OutOfMemoryError("Java heap space (injected by HeapFullLoggerFinder on " + thread + ")");
        }
    }
}
