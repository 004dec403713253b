/**
 * A host that keeps working: a loop that wakes every 100 ms and reports, every second, how many
 * rounds it made and the longest it was ever late, so that a test sees whether anything in the JVM
 * (the agent, a hung DISM call) held it up. Its main returns after the given time.
 * Usage: WorkingHost <run millis>
 */
public class WorkingHost {
    public static void main(String[] args) throws Exception {
        long runMillis = Long.parseLong(args[0]);
        System.out.println("HOST STARTED");
        long start = System.nanoTime();
        long last = start;
        long maxLateMillis = 0;
        int rounds = 0;
        while ((System.nanoTime() - start) / 1_000_000 < runMillis) {
            Thread.sleep(100);
            long now = System.nanoTime();
            maxLateMillis = Math.max(maxLateMillis, (now - last) / 1_000_000 - 100);
            last = now;
            rounds++;
            if (rounds % 10 == 0) {
                System.out.println("HOST WORKING rounds=" + rounds + " maxLateMillis=" + maxLateMillis);
            }
        }
        System.out.println("HOST DONE rounds=" + rounds + " maxLateMillis=" + maxLateMillis);
    }
}
