package io.github.dismagent.agent.cli;

import io.github.dismagent.agent.cli.DoctorReport.Mark;
import io.github.dismagent.dism.DismException;
import io.github.dismagent.dism.DismPlatform;
import io.github.dismagent.dism.DismSession;
import io.github.dismagent.dism.DismSettings;
import io.github.dismagent.dism.DismUnavailableException;
import io.github.dismagent.dism.HResult;
import io.github.dismagent.dism.MountStatus;
import io.github.dismagent.dism.MountedImage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The doctor's DISM findings: the library, {@code DismInitialize}, the mount table, and the
 * shutdown. It reads only: no call that changes a mount is made. A call that does not return
 * within {@code callTimeout} is given up and reported; the DISM thread is a daemon, so it cannot
 * keep the process alive.
 */
final class DismCheck {
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final DismSettings settings;
    private final Duration callTimeout;
    private final DoctorReport report;

    DismCheck(DismSettings settings, Duration callTimeout, DoctorReport report) {
        this.settings = settings;
        this.callTimeout = callTimeout;
        this.report = report;
    }

    void run(DismPlatform platform) throws InterruptedException {
        List<String> plan = platform.libraryPlan(settings.library());
        DismSession session = DismSession.create(settings);
        try {
            if (initialize(session, plan)) {
                readMountTable(session);
            }
        } finally {
            shutDown(session);
        }
    }

    private boolean initialize(DismSession session, List<String> plan) throws InterruptedException {
        Outcome<Void> init = await("DismInitialize", session.initializeAsync());
        reportLibrary(session, plan, init.failure());
        if (init.failure() instanceof DismUnavailableException) {
            return false;
        }
        if (init.failure() == null) {
            report.line(Mark.OK, "DismInitialize", "0x00000000 S_OK (log level " + settings.logLevel().name().toLowerCase(Locale.ROOT)
                    + (settings.logFile() == null ? "" : ", DISM log " + settings.logFile()) + ")");
            return true;
        }
        report.line(Mark.FAIL, "DismInitialize", describe(init.failure()));
        if (init.failure() instanceof DismException e && e.hresult() == HResult.ERROR_ELEVATION_REQUIRED) {
            report.detail("run the server (and this check) elevated: from an administrator prompt, or as a service account in Administrators");
        }
        return false;
    }

    private void reportLibrary(DismSession session, List<String> plan, Throwable failure) {
        if (failure instanceof DismUnavailableException unavailable) {
            report.line(Mark.FAIL, "DISM library", unavailable.getMessage());
            return;
        }
        session.library().ifPresentOrElse(
                library -> report.line(Mark.OK, "DISM library", library.description()),
                () -> report.line(Mark.FAIL, "DISM library", "not loaded: " + (failure == null ? "unknown reason" : describe(failure))));
        plan.forEach(line -> report.detail("candidate: " + line));
    }

    private void readMountTable(DismSession session) throws InterruptedException {
        Outcome<List<MountedImage>> read = await("DismGetMountedImageInfo", session.mountedImagesAsync());
        if (read.failure() != null) {
            report.line(Mark.FAIL, "Mount table", describe(read.failure()));
            return;
        }
        List<MountedImage> images = read.value();
        Map<String, Long> counts = images.stream().collect(Collectors.groupingBy(MountedImage::mountStatusName, Collectors.counting()));
        report.line(Mark.OK, "Mount table", images.size() + " image" + (images.size() == 1 ? "" : "s") + " mounted"
                + (images.isEmpty() ? "" : " (" + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .sorted().collect(Collectors.joining(", ")) + ")"));
        for (MountedImage image : images) {
            report.detail("");
            MountTableText.lines(image).forEach(report::detail);
        }
        for (MountedImage image : images) {
            if (image.mountStatus() != MountStatus.OK) {
                report.line(Mark.WARN, "Image " + image.mountPath(), MountTableText.hint(image));
            }
        }
    }

    /** DismShutdown if this check initialised DISM, unless a call is still running (it would queue behind it). */
    private void shutDown(DismSession session) {
        boolean hung = session.runningCall().isPresent();
        String running = session.runningCall().map(c -> c.function() + " has been running since " + c.since()).orElse("");
        session.close(hung ? Duration.ZERO : SHUTDOWN_WAIT);
        if (hung) {
            report.line(Mark.WARN, "DismShutdown", "not called: " + running + "; DISM is released when this process ends");
        } else if (session.runningCall().isPresent()) {
            report.line(Mark.WARN, "DismShutdown", "did not return within " + SHUTDOWN_WAIT.toSeconds() + " s; DISM is released when this process ends");
        } else {
            report.line(Mark.OK, "DismShutdown", "done (when this check initialised DISM; nothing was changed)");
        }
    }

    private record Outcome<T>(T value, Throwable failure) {
    }

    private <T> Outcome<T> await(String function, CompletableFuture<T> call) throws InterruptedException {
        try {
            return new Outcome<>(call.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (ExecutionException e) {
            return new Outcome<>(null, e.getCause());
        } catch (TimeoutException e) {
            return new Outcome<>(null, new TimeoutException(function + " has not returned after " + seconds(callTimeout)
                    + " (callTimeout); gave up waiting. DISM may be held by another servicing job: try again when it is done"));
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String describe(Throwable failure) {
        Function<Throwable, String> text = t -> t instanceof DismException dism ? dism.describe() : t.getMessage();
        return failure instanceof DismException dism ? dism.function() + " failed: " + text.apply(dism) : String.valueOf(text.apply(failure));
    }
}
