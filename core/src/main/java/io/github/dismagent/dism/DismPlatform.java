package io.github.dismagent.dism;

import com.sun.jna.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the platform says about running DISM here, for a self-check before DISM is loaded. */
public final class DismPlatform {
    private final Optional<WindowsInstallation> windows;

    DismPlatform(Optional<WindowsInstallation> windows) {
        this.windows = windows;
    }

    public static DismPlatform current() {
        return new DismPlatform(Platform.isWindows() ? Optional.of(new JnaWindowsInstallation()) : Optional.empty());
    }

    public boolean isWindows() {
        return windows.isPresent();
    }

    /** A 32-bit JVM on 64-bit Windows, which DISM does not support. */
    public boolean isWow64() {
        return windows.map(WindowsInstallation::isWow64).orElse(false);
    }

    /** Whether this process runs elevated; empty outside Windows or when the token cannot be read. */
    public Optional<Boolean> isElevated() {
        return windows.flatMap(WindowsInstallation::isElevated);
    }

    /**
     * The libraries that would be tried, in order, as {@code path (why)}, then one line for each
     * place left out and why; or the reason none can be tried.
     */
    public List<String> libraryPlan(String configured) {
        List<String> lines = new ArrayList<>();
        try {
            DismLibraryLocator.Plan plan = new DismLibraryLocator(windows).plan(configured);
            plan.candidates().forEach(c -> lines.add(c.library() + " (" + c.origin() + ")"));
            plan.skipped().forEach(s -> lines.add("left out: " + s));
        } catch (DismUnavailableException e) {
            lines.add(e.getMessage());
        }
        return lines;
    }
}
