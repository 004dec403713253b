import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A host whose heap "fills" when told: waits for the trigger file, arms HeapFullLoggerFinder (the next
 * exchange ends the JDK server's dispatcher thread with an OutOfMemoryError), keeps the heap "full" for
 * the given seconds, prints HOST HEAP FREED, and runs until killed.
 * Usage: DispatcherOomHost <trigger file> <seconds full>
 */
public class DispatcherOomHost {
    public static void main(String[] args) throws Exception {
        System.out.println("HOST STARTED");
        Path trigger = Path.of(args[0]);
        HeapFullLoggerFinder.fullSeconds = Long.parseLong(args[1]);
        while (!Files.exists(trigger)) {
            Thread.sleep(50);
        }
        HeapFullLoggerFinder.armed = true;
        System.out.println("HOST ARMED");
        while (!HeapFullLoggerFinder.full || System.nanoTime() - HeapFullLoggerFinder.fullUntilNanos < 0) {
            Thread.sleep(50);
        }
        System.out.println("HOST HEAP FREED");
        Thread.sleep(Long.MAX_VALUE);
    }
}
