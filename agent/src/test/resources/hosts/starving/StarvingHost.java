import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A host that starves its own heap (issue 14, item 1): once the trigger file exists, it fills the heap
 * until OutOfMemoryError, keeps allocating small arrays for the given seconds (catching every
 * OutOfMemoryError, as a server that survives one would), then frees everything and idles.
 * Usage: StarvingHost <trigger file> <seconds to keep allocating>
 */
public class StarvingHost {
    private static List<Object> hoard = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        System.out.println("HOST STARTED");
        Path trigger = Path.of(args[0]);
        while (!Files.exists(trigger)) {
            Thread.sleep(100);
        }
        try {
            while (true) {
                hoard.add(new byte[64 * 1024]);
            }
        } catch (OutOfMemoryError full) {
            System.out.println("HOST HEAP FULL");
        }
        long end = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
        long failures = 0;
        while (System.nanoTime() < end) {
            try {
                hoard.add(new byte[64]);
            } catch (OutOfMemoryError again) {
                failures++;
                Thread.onSpinWait();
            }
        }
        hoard = null;
        System.gc();
        System.out.println("HOST FREED after " + failures + " OutOfMemoryErrors while allocating");
        Thread.sleep(Long.MAX_VALUE);
    }
}
