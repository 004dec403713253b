package io.github.dismagent.dism;

/** Receives DISM's progress reports during an unmount, on the DISM thread: {@code current} of {@code total}. */
@FunctionalInterface
public interface UnmountProgress {
    UnmountProgress NONE = (current, total) -> { };

    void progress(long current, long total);
}
