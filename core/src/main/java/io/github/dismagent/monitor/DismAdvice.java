package io.github.dismagent.monitor;

import io.github.dismagent.dism.DismException;
import io.github.dismagent.dism.DismUnavailableException;
import io.github.dismagent.dism.HResult;

/** What an operator can do about a DISM failure, for the one log line that reports it. */
final class DismAdvice {
    private DismAdvice() {
    }

    /** The problem and what to do about it, as one line of sentences. */
    static String explain(String problem, Throwable cause) {
        String advice = forFailure(cause);
        String sentence = problem.endsWith(".") ? problem : problem + ".";
        return advice.isEmpty() ? sentence : sentence + " " + advice;
    }

    static String forFailure(Throwable cause) {
        if (cause instanceof DismUnavailableException) {
            return ""; // its message already says what to do
        }
        if (cause instanceof DismException e) {
            return switch (e.hresult()) {
                case HResult.ERROR_ELEVATION_REQUIRED -> "DISM needs an elevated process: run the server (or its Windows service) "
                        + "under an administrator account. dismagent keeps trying every refresh interval.";
                case HResult.E_ACCESSDENIED -> "The server's account may not use DISM: run it under an administrator account.";
                case HResult.DISMAPI_E_BUSY, HResult.DISMAPI_E_SHUTDOWN_IN_PROGRESS ->
                        "DISM is busy with other work; dismagent retries shortly.";
                default -> HResult.isTransient(e.hresult()) ? "dismagent retries shortly." : "dismagent keeps trying every refresh interval.";
            };
        }
        return "dismagent keeps trying every refresh interval.";
    }
}
