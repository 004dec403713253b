/** A JVM for dismagent to live in, as a server would be: it only waits. Usage: java Host.java <minutes> */
public class Host {
    public static void main(String[] args) throws InterruptedException {
        System.out.println("HOST STARTED " + ProcessHandle.current().pid());
        Thread.sleep(Long.parseLong(args[0]) * 60_000);
    }
}
