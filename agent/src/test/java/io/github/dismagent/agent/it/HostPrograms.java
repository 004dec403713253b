package io.github.dismagent.agent.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The hosts of the integration tests: small programs kept as sources in
 * {@code src/test/resources/hosts/<name>}, compiled at test time against exactly the class path
 * each host runs with (old libraries included), so that nothing of the agent's build leaks into them.
 */
final class HostPrograms {
    private HostPrograms() {
    }

    /** Compiles hosts/<name> into a new directory under work, against the given jars. */
    static Path compile(String name, Path work, List<Path> classPath) {
        Path sources = work.resolve("src-" + name);
        Path classes = work.resolve("classes-" + name);
        try {
            Files.createDirectories(classes);
            List<String> files = copySources(name, sources);
            List<String> arguments = new ArrayList<>(List.of("--release", "17", "-nowarn", "-d", classes.toString()));
            if (!classPath.isEmpty()) {
                arguments.add("-cp");
                arguments.add(classPath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
            }
            arguments.addAll(files);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int status = javac.run(null, null, null, arguments.toArray(new String[0]));
            if (status != 0) {
                throw new IllegalStateException("the host program " + name + " did not compile (see the test output)");
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> copySources(String name, Path target) throws IOException {
        Path root = Path.of(System.getProperty("dismagent.it.hosts", "target/test-classes/hosts"), name);
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path source : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path copy = target.resolve(root.relativize(source).toString());
                Files.createDirectories(copy.getParent());
                try (InputStream in = Files.newInputStream(source)) {
                    Files.copy(in, copy);
                }
                files.add(copy.toString());
            }
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no sources for the host program " + name + " under " + root);
        }
        return files;
    }
}
