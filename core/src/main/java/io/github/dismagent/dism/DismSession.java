package io.github.dismagent.dism;

import io.github.dismagent.LogText;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DISM for one process: loads the library, initialises DISM once, runs every DISM call on one
 * dedicated thread, and shuts DISM down on {@link #close()}.
 *
 * <p>Nothing is loaded or called until the first call: {@link #create} is free, and the library is
 * loaded and {@code DismInitialize} called on the DISM thread ({@link DismAccess}). A call that finds DISM not
 * initialised (someone else in the process called {@code DismShutdown}) initialises it again and
 * is retried once.
 *
 * <p>Each operation has a blocking form, which throws {@link DismException} or
 * {@link DismUnavailableException}, and an {@code Async} form whose future fails with the same
 * exceptions, for callers that must not wait on DISM.
 */
public final class DismSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DismSession.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final DismThread thread = new DismThread("dismagent-dism");
    private final DismAccess dism;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DismSession(DismSettings settings, DismLibraryLoader loader) {
        this.dism = new DismAccess(settings, loader, thread);
    }

    /** A session that will load DISM and initialise it at its first call. */
    public static DismSession create(DismSettings settings) {
        return new DismSession(settings, DismLibraryLoader.forThisPlatform());
    }

    /** A session with DISM loaded and initialised. */
    public static DismSession open(DismSettings settings) throws DismException, DismUnavailableException, InterruptedException {
        DismSession session = create(settings);
        try {
            session.initialize();
            return session;
        } catch (DismException | DismUnavailableException | InterruptedException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Loads the library and calls {@code DismInitialize}, unless done already. */
    public void initialize() throws DismException, DismUnavailableException, InterruptedException {
        await(initializeAsync());
    }

    public CompletableFuture<Void> initializeAsync() {
        return thread.submit("DismInitialize", () -> {
            dism.api();
            return null;
        });
    }

    /** Every mounted image, as {@code DismGetMountedImageInfo} lists them. */
    public List<MountedImage> mountedImages() throws DismException, DismUnavailableException, InterruptedException {
        return await(mountedImagesAsync());
    }

    public CompletableFuture<List<MountedImage>> mountedImagesAsync() {
        return thread.submit("DismGetMountedImageInfo", () -> dism.withReinitialization(this::readMountedImages));
    }

    /**
     * Remounts the image mounted at this path ({@code DismRemountImage}).
     *
     * @return DISM's success code: 0, or {@link HResult#ERROR_SUCCESS_REBOOT_REQUIRED} and the like
     */
    public int remount(MountPath mountPath) throws DismException, DismUnavailableException, InterruptedException {
        return await(remountAsync(mountPath));
    }

    public DismCall<Integer> remountAsync(MountPath mountPath) {
        Objects.requireNonNull(mountPath, "mountPath");
        return thread.submit("DismRemountImage", () -> dism.withReinitialization(() -> {
            Memory path = Utf16.toNative(mountPath.value());
            int hresult = dism.api().DismRemountImage(path);
            dism.check("DismRemountImage", hresult);
            return hresult;
        }));
    }

    /** As {@link #unmountDiscardAsync}, waiting for the result. */
    public int unmountDiscard(MountPath mountPath, UnmountProgress progress)
            throws DismException, DismUnavailableException, InterruptedException {
        return await(unmountDiscardAsync(mountPath, progress));
    }

    /**
     * Unmounts the image mounted at this path and throws away every change made in the mount
     * ({@code DismUnmountImage} with {@code DISM_DISCARD_IMAGE}). DISM reports its progress while it
     * works; {@code progress} gets it on the DISM thread, and never after the call returned.
     *
     * @return DISM's success code
     */
    public DismCall<Integer> unmountDiscardAsync(MountPath mountPath, UnmountProgress progress) {
        Objects.requireNonNull(mountPath, "mountPath");
        Objects.requireNonNull(progress, "progress");
        return thread.submit("DismUnmountImage", () -> dism.withReinitialization(() -> {
            Memory path = Utf16.toNative(mountPath.value());
            ProgressRelay relay = ProgressRelay.forThisPlatform(progress, thread::isCurrentThread);
            try {
                int hresult = dism.api().DismUnmountImage(path, DismApiLibrary.DISM_DISCARD_IMAGE, null, relay, null);
                dism.check("DismUnmountImage", hresult);
                return hresult;
            } finally {
                relay.close();
            }
        }));
    }

    /** Removes the mount points of invalid images ({@code DismCleanupMountpoints}). */
    public void cleanupMountpoints() throws DismException, DismUnavailableException, InterruptedException {
        await(cleanupMountpointsAsync());
    }

    public DismCall<Void> cleanupMountpointsAsync() {
        return thread.submit("DismCleanupMountpoints", () -> dism.withReinitialization(() -> {
            dism.check("DismCleanupMountpoints", dism.api().DismCleanupMountpoints());
            return null;
        }));
    }

    /** The library in use, once one is loaded. */
    public Optional<LoadedDismLibrary> library() {
        return dism.library();
    }

    /**
     * Starts the DISM thread again when an {@link Error} killed it and no replacement could be made
     * then (its queued calls would otherwise wait for the next one). The monitor calls it at every tick.
     */
    public void keepThreadAlive() {
        thread.keepAlive();
    }

    /** The DISM call running now, if any: how a caller tells a slow call from a hung one. */
    public Optional<RunningCall> runningCall() {
        return thread.runningCall();
    }

    /** Calls queued behind the running one. */
    public int queuedCalls() {
        return thread.queued();
    }

    /**
     * Shuts DISM down if this session initialised it, waiting at most 5 seconds: a DISM call that
     * never returns does not hold up the caller (the DISM thread is a daemon).
     */
    @Override
    public void close() {
        close(SHUTDOWN_WAIT);
    }

    /** As {@link #close()}, waiting at most this long for DISM to shut down. */
    public void close(Duration wait) {
        if (closed.getAndSet(true)) {
            return;
        }
        CompletableFuture<Void> shutdown = thread.submit("DismShutdown", () -> {
            dism.shutDown();
            return null;
        });
        thread.shutdown();
        try {
            shutdown.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("DISM did not shut down within {} s{}; leaving it to the end of the process", wait.toSeconds(),
                    runningCall().map(c -> " (" + c.function() + " has been running since " + c.since() + ")").orElse(""));
        } catch (ExecutionException e) {
            log.warn("DismShutdown could not run: {}", LogText.line(e.getCause().toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<MountedImage> readMountedImages() throws DismException, DismUnavailableException {
        DismApiLibrary api = dism.api();
        PointerByReference array = new PointerByReference();
        IntByReference count = new IntByReference();
        dism.check("DismGetMountedImageInfo", api.DismGetMountedImageInfo(array, count));
        Pointer elements = array.getValue();
        if (elements == null) {
            if (count.getValue() != 0) {
                throw new DismException("DismGetMountedImageInfo", HResult.E_UNEXPECTED,
                        "DISM returned no array for " + Integer.toUnsignedLong(count.getValue()) + " mounted images");
            }
            return List.of();
        }
        try {
            return MountedImageReader.read(elements, count.getValue());
        } finally {
            DismMemory.delete(api, elements, "DismGetMountedImageInfo");
        }
    }

    private static <T> T await(CompletableFuture<T> future) throws DismException, DismUnavailableException, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DismException failure) {
                throw failure;
            }
            if (cause instanceof DismUnavailableException unavailable) {
                throw unavailable;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
