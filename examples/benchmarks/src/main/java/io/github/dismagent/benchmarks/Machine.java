package io.github.dismagent.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/** The machine and JDK the run measured. */
final class Machine {
    private Machine() {
    }

    static String describe(Path javaHome) {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
        } catch (Exception e) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + ", JDK " + System.getProperty("java.vm.vendor") + " "
                + System.getProperty("java.runtime.version") + " (" + javaHome + ")";
    }
}
