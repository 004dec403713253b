package io.github.dismagent.benchmarks;

/**
 * The host every configuration runs: prints {@code MAIN END} when its main is done; with the
 * argument {@code idle} it then sleeps, as a server that is up and doing nothing.
 */
public final class TrivialHost {
    private TrivialHost() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("MAIN END");
        if (args.length > 0 && args[0].equals("idle")) {
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
