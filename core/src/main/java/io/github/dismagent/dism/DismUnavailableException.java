package io.github.dismagent.dism;

import java.util.List;

/**
 * No usable DISM library could be loaded. The message names every path tried, why each failed,
 * and what to do.
 */
public class DismUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> attempts;

    public DismUnavailableException(String message, List<String> attempts) {
        super(message);
        this.attempts = List.copyOf(attempts);
    }

    /** One line per library tried: the path or name, and why it could not be used. */
    public List<String> attempts() {
        return attempts;
    }
}
