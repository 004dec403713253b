package io.github.dismagent.monitor;

import io.github.dismagent.dism.DismException;
import io.github.dismagent.dism.DismUnavailableException;
import io.github.dismagent.dism.MountStatus;
import java.time.Duration;

/**
 * What an operator is told of reads of the mount table: the refresh operation's answer, and the log
 * lines when DISM fails, hangs or answers again. Written as {@link OperatorMessages} says.
 */
final class RefreshMessages {
    private RefreshMessages() {
    }

    static String readSummary(Snapshot s) {
        return "Read " + s.mountedCount() + " mounted image" + (s.mountedCount() == 1 ? "" : "s") + ": " + s.count(MountStatus.OK) + " Ok, "
                + s.count(MountStatus.NEEDS_REMOUNT) + " NeedsRemount, " + s.count(MountStatus.INVALID) + " Invalid.";
    }

    static String failed(Snapshot s) {
        return "Refresh failed.\n" + s.lastError() + "\nThe images shown are those read at " + lastRead(s) + ".";
    }

    static String stillRunning(Duration timeout) {
        return "The refresh is still running.\nDISM has not answered after " + Durations.human(timeout) + " (see LastError).";
    }

    static String hung(Duration since, Snapshot last) {
        return "DismGetMountedImageInfo has not returned after " + Durations.human(since) + "; the images shown are those read at " + lastRead(last);
    }

    static String answersAgain(Snapshot s) {
        return "DISM answers again: " + s.mountedCount() + " mounted images (" + s.count(MountStatus.OK) + " Ok, " + s.count(MountStatus.NEEDS_REMOUNT)
                + " NeedsRemount, " + s.count(MountStatus.INVALID) + " Invalid)";
    }

    /** The problem a failed read reports in LastError. */
    static String readProblem(Throwable cause) {
        return cause instanceof DismException || cause instanceof DismUnavailableException ? cause.getMessage()
                : "reading the mount table failed: " + cause;
    }

    /** A failed read: the problem and what to do about it, as one line of sentences. */
    static String unavailable(String problem, Throwable cause) {
        String advice = OperatorAdvice.adviceFor(cause);
        String sentence = problem.endsWith(".") ? problem : problem + ".";
        return "DISM is unavailable: " + (advice.isEmpty() ? sentence : sentence + " " + advice);
    }

    static String notAnswering(String problem) {
        return "DISM is not answering: " + problem + ". Nothing more is queued behind it.";
    }

    private static String lastRead(Snapshot s) {
        return s.lastRefresh().map(OperatorMessages::time).orElse("(never)");
    }
}
