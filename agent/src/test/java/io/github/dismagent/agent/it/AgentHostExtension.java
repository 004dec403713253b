package io.github.dismagent.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up every host test repeats, once: a fresh work directory, a host program compiled into it,
 * and after the test every host started through {@link #host()} stopped (its output printed when the
 * test failed, so that a failure says what the agent logged).
 *
 * <pre>{@code
 * @RegisterExtension
 * final AgentHostExtension hosts = AgentHostExtension.compiling("plain");
 * ...
 * try (AgentHost host = hosts.host().main("PlainHost", "60000", "0").start()) { ... }
 * }</pre>
 */
final class AgentHostExtension implements BeforeEachCallback, AfterEachCallback {
    private final String program;
    private final List<AgentHost> started = new ArrayList<>();
    private Path work;
    private Path classes;

    private AgentHostExtension(String program) {
        this.program = program;
    }

    /** @param program a host program under {@code src/test/resources/hosts} */
    static AgentHostExtension compiling(String program) {
        return new AgentHostExtension(program);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        work = Files.createTempDirectory("dismagent-" + context.getRequiredTestClass().getSimpleName() + "-");
        classes = HostPrograms.compile(program, work, List.of());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        boolean failed = context.getExecutionException().isPresent();
        for (AgentHost host : started) {
            if (failed) {
                System.out.println("---- output of host " + host.pid() + " (" + context.getDisplayName() + ")\n" + host.output());
            }
            host.close();
        }
        started.clear();
        if (!failed) {
            delete(work);
        }
    }

    /** The test's own directory: the emulator's state and trace files, the hosts' output, anything the test writes. */
    Path work() {
        return work;
    }

    /** The compiled host program, for a class path. */
    Path program() {
        return classes;
    }

    /** A host in the work directory with the compiled program on its class path; stopped after the test. */
    AgentHost.Builder host() {
        return host(work);
    }

    /** The same in a directory of its own (for tests that start several hosts, each with its own mount table). */
    AgentHost.Builder host(Path directory) {
        return AgentHost.in(directory).classPath(classes).whenStarted(started::add);
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
