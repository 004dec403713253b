package io.github.dismagent.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The emulator's state file: the machine-wide mount table that {@code libDismAPI} reads at every
 * call, named by the environment variable {@value #ENVIRONMENT_VARIABLE}.
 */
public final class EmulatorState {
    /** The environment variable through which the emulator finds the state file. */
    public static final String ENVIRONMENT_VARIABLE = "DISMAPI_EMULATOR_STATE";

    /** A mounted image as the state file spells it. */
    public record Row(String mountPath, String imageFilePath, String imageIndex, String mountMode, String mountStatus) {
    }

    private final Path file;

    public EmulatorState(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** The state file that this process's emulator reads, from {@value #ENVIRONMENT_VARIABLE}. */
    public static EmulatorState ofThisProcess() {
        String path = System.getenv(ENVIRONMENT_VARIABLE);
        if (path == null || path.isBlank()) {
            throw new IllegalStateException(ENVIRONMENT_VARIABLE + " is not set for this process; the build's test "
                    + "configuration sets it (see the surefire configuration in pom.xml)");
        }
        return new EmulatorState(Path.of(path));
    }

    public Path file() {
        return file;
    }

    /** Replaces the file atomically, as the emulator does, so that no call reads half of it. */
    public void write(StateFileText text) {
        write(text.toString());
    }

    /** Replaces the file atomically with this exact text. */
    public void write(String text) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the emulator state file " + file, e);
        }
    }

    /** The file's text, or empty when there is no file. */
    public String text() {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the emulator state file " + file, e);
        }
    }

    /** The mounted images the file lists now (comments and injections left out). */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (String line : text().split("\r?\n")) {
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("@")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length == 5) {
                rows.add(new Row(f[0], f[1], f[2], f[3], f[4]));
            }
        }
        return rows;
    }

    /** The state-file status of the image mounted at this path, or null when none is. */
    public String statusOf(String mountPath) {
        return rows().stream().filter(r -> r.mountPath().equals(mountPath)).map(Row::mountStatus).findFirst().orElse(null);
    }
}
