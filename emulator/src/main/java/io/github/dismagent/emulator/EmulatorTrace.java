package io.github.dismagent.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The emulator's call trace: one line per DismAPI call, {@code <epoch-millis>TAB<Function>TAB<0xHRESULT>},
 * appended to the file named by {@value #ENVIRONMENT_VARIABLE}.
 */
public final class EmulatorTrace {
    /** The environment variable through which the emulator finds the trace file. */
    public static final String ENVIRONMENT_VARIABLE = "DISMAPI_EMULATOR_TRACE";

    /** One traced call. */
    public record Call(long epochMillis, String function, int hresult) {
        public boolean succeeded() {
            return hresult >= 0;
        }
    }

    private final Path file;

    public EmulatorTrace(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** The trace that this process's emulator writes, from {@value #ENVIRONMENT_VARIABLE}. */
    public static EmulatorTrace ofThisProcess() {
        String path = System.getenv(ENVIRONMENT_VARIABLE);
        if (path == null || path.isBlank()) {
            throw new IllegalStateException(ENVIRONMENT_VARIABLE + " is not set for this process; the build's test "
                    + "configuration sets it (see the surefire configuration in pom.xml)");
        }
        return new EmulatorTrace(Path.of(path));
    }

    public Path file() {
        return file;
    }

    /** Empties the trace. */
    public void clear() {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the emulator trace " + file, e);
        }
    }

    /** Every call traced so far, oldest first. */
    public List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        try {
            if (!Files.exists(file)) {
                return calls;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (f.length != 3 || !f[2].startsWith("0x")) {
                    throw new IllegalStateException("malformed trace line in " + file + ": " + line);
                }
                calls.add(new Call(Long.parseLong(f[0]), f[1], Integer.parseUnsignedInt(f[2].substring(2), 16)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the emulator trace " + file, e);
        }
        return calls;
    }

    /** How many calls of this function were traced. */
    public long count(String function) {
        return calls().stream().filter(c -> c.function().equals(function)).count();
    }
}
