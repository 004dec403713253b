package io.github.dismagent.dism;

import com.sun.jna.Memory;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.time.Duration;
import java.util.List;
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
 * loaded and {@code DismInitialize} called on the DISM thread. A call that finds DISM not
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

    private final DismSettings settings;
    private final DismLibraryLoader loader;
    private final DismThread thread = new DismThread("dismagent-dism");
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile LoadedDismLibrary library;

    // Confined to the DISM thread.
    private DismApiLibrary api;
    private boolean initialized;
    private boolean ownsInitialization;

    private DismSession(DismSettings settings, DismLibraryLoader loader) {
        this.settings = settings;
        this.loader = loader;
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
            api();
            return null;
        });
    }

    /** Every mounted image, as {@code DismGetMountedImageInfo} lists them. */
    public List<MountedImage> mountedImages() throws DismException, DismUnavailableException, InterruptedException {
        return await(mountedImagesAsync());
    }

    public CompletableFuture<List<MountedImage>> mountedImagesAsync() {
        return thread.submit("DismGetMountedImageInfo", () -> withReinitialization(this::readMountedImages));
    }

    /**
     * Remounts the image mounted at this path ({@code DismRemountImage}).
     *
     * @return DISM's success code: 0, or {@link HResult#ERROR_SUCCESS_REBOOT_REQUIRED} and the like
     * @throws IllegalArgumentException when the path is null, empty, longer than Windows allows or
     *                                  contains NUL; DISM is not called
     */
    public int remount(String mountPath) throws DismException, DismUnavailableException, InterruptedException {
        return await(remountAsync(mountPath));
    }

    public CompletableFuture<Integer> remountAsync(String mountPath) {
        requireWindowsPath(mountPath);
        return thread.submit("DismRemountImage", () -> withReinitialization(() -> {
            Memory path = Utf16.toNative(mountPath);
            int hresult = api().DismRemountImage(path);
            check("DismRemountImage", hresult);
            return hresult;
        }));
    }

    /** As {@link #unmountDiscardAsync}, waiting for the result. */
    public int unmountDiscard(String mountPath, UnmountProgress progress)
            throws DismException, DismUnavailableException, InterruptedException {
        return await(unmountDiscardAsync(mountPath, progress));
    }

    /**
     * Unmounts the image mounted at this path and throws away every change made in the mount
     * ({@code DismUnmountImage} with {@code DISM_DISCARD_IMAGE}). DISM reports its progress while it
     * works; {@code progress} gets it on the DISM thread, and never after the call returned.
     *
     * @return DISM's success code
     * @throws IllegalArgumentException as {@link #remountAsync}; DISM is not called
     */
    public CompletableFuture<Integer> unmountDiscardAsync(String mountPath, UnmountProgress progress) {
        requireWindowsPath(mountPath);
        return thread.submit("DismUnmountImage", () -> withReinitialization(() -> {
            Memory path = Utf16.toNative(mountPath);
            ProgressRelay relay = Platform.isWindows() && !Platform.is64Bit() ? new StdCallProgressRelay(progress) : new ProgressRelay(progress);
            try {
                int hresult = api().DismUnmountImage(path, DismApiLibrary.DISM_DISCARD_IMAGE, null, relay, null);
                check("DismUnmountImage", hresult);
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

    public CompletableFuture<Void> cleanupMountpointsAsync() {
        return thread.submit("DismCleanupMountpoints", () -> withReinitialization(() -> {
            check("DismCleanupMountpoints", api().DismCleanupMountpoints());
            return null;
        }));
    }

    /** The library in use, once one is loaded. */
    public Optional<LoadedDismLibrary> library() {
        return Optional.ofNullable(library);
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
            if (ownsInitialization) {
                int hresult = api.DismShutdown();
                initialized = false;
                ownsInitialization = false;
                // NOT_INITIALIZED: other code shut DISM down already, which is what was wanted.
                if (!HResult.succeeded(hresult) && hresult != HResult.DISMAPI_E_DISMAPI_NOT_INITIALIZED) {
                    // DismGetLastErrorMessage does not apply to DismShutdown.
                    log.warn("DismShutdown failed: {}", HResult.describe(hresult, ""));
                }
            }
            return null;
        });
        thread.shutdown();
        try {
            shutdown.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("DISM did not shut down within {} s{}; leaving it to the end of the process", wait.toSeconds(),
                    runningCall().map(c -> " (" + c.function() + " has been running since " + c.since() + ")").orElse(""));
        } catch (ExecutionException e) {
            log.warn("DismShutdown could not run: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The loaded and initialised library; on the DISM thread only. */
    private DismApiLibrary api() throws DismUnavailableException, DismException {
        if (!thread.isCurrentThread()) {
            throw new IllegalStateException("DISM called outside the DISM thread");
        }
        if (api == null) {
            DismLibraryLoader.Loaded loaded;
            try {
                loaded = loader.load(settings.library());
            } catch (LinkageError e) {
                throw new DismUnavailableException("JNA cannot load its native part on this JVM: " + e, List.of());
            }
            api = loaded.api();
            library = loaded.library();
            log.info("Loaded {}", library.description());
        }
        if (!initialized) {
            initializeDism();
        }
        return api;
    }

    private void initializeDism() throws DismException {
        Memory logFile = settings.logFile() == null ? null : Utf16.toNative(settings.logFile());
        Memory scratch = settings.scratchDirectory() == null ? null : Utf16.toNative(settings.scratchDirectory());
        int hresult = api.DismInitialize(settings.logLevel().code(), logFile, scratch);
        if (hresult == HResult.ERROR_ALREADY_INITIALIZED) {
            // DISM is initialised already. If not by this session, by other code in the process:
            // use it, and leave its shutdown to that code.
            if (!ownsInitialization) {
                log.info("DISM was already initialised in this process by other code; dismagent shares it and will not shut it down");
            }
            initialized = true;
            return;
        }
        check("DismInitialize", hresult);
        initialized = true;
        ownsInitialization = true;
    }

    /** Runs a DISM call, initialising DISM again and retrying once if someone shut it down. */
    private <T> T withReinitialization(DismThread.Call<T> call) throws Exception {
        try {
            return call.run();
        } catch (DismException e) {
            if (e.hresult() != HResult.DISMAPI_E_DISMAPI_NOT_INITIALIZED) {
                throw e;
            }
            log.info("DISM was shut down by other code in this process; initialising it again");
            return call.run();
        }
    }

    private List<MountedImage> readMountedImages() throws DismException, DismUnavailableException {
        DismApiLibrary dism = api();
        PointerByReference array = new PointerByReference();
        IntByReference count = new IntByReference();
        check("DismGetMountedImageInfo", dism.DismGetMountedImageInfo(array, count));
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
            delete(elements, "DismGetMountedImageInfo");
        }
    }

    /** Throws a DismException for a failed HRESULT, with DISM's message fetched right away, on this thread. */
    private void check(String function, int hresult) throws DismException {
        if (HResult.succeeded(hresult)) {
            return;
        }
        if (hresult == HResult.DISMAPI_E_DISMAPI_NOT_INITIALIZED) {
            initialized = false;
        }
        throw new DismException(function, hresult, lastErrorMessage());
    }

    /** DISM's last-error message for this thread; empty when DISM has none or cannot give it. */
    private String lastErrorMessage() {
        PointerByReference message = new PointerByReference();
        int hresult = api.DismGetLastErrorMessage(message);
        Pointer dismString = message.getValue();
        if (!HResult.succeeded(hresult) || dismString == null) {
            return "";
        }
        try {
            String text = Utf16.read(Pointer.nativeValue(dismString.getPointer(0)));
            return text == null ? "" : text;
        } catch (Utf16.MalformedStringException e) {
            return "(DISM's message was unreadable: " + e.getMessage() + ")";
        } finally {
            delete(dismString, "DismGetLastErrorMessage");
        }
    }

    private void delete(Pointer structure, String from) {
        int hresult = api.DismDelete(structure);
        if (!HResult.succeeded(hresult)) {
            log.warn("DismDelete of what {} returned failed: {}; that memory stays allocated", from, HResult.describe(hresult, ""));
        }
    }

    /**
     * Hands DISM's progress reports on to the caller's listener: only on the DISM thread and only
     * while the call runs (a report from elsewhere, or after the call, would be a DISM bug or a
     * binding bug: it is logged once and dropped), and never lets an exception unwind into DISM's
     * native frames.
     */
    private class ProgressRelay implements DismApiLibrary.ProgressCallback {
        private final UnmountProgress listener;
        private volatile boolean closed;
        private final AtomicBoolean misuseLogged = new AtomicBoolean();

        ProgressRelay(UnmountProgress listener) {
            this.listener = listener;
        }

        @Override
        public void invoke(int current, int total, Pointer userData) {
            try {
                if (closed || !thread.isCurrentThread()) {
                    if (!misuseLogged.getAndSet(true)) {
                        log.warn("DISM reported unmount progress {}/{} {}; ignored", Integer.toUnsignedLong(current),
                                Integer.toUnsignedLong(total), closed ? "after DismUnmountImage returned" : "on another thread ("
                                        + Thread.currentThread().getName() + ")");
                    }
                    return;
                }
                listener.progress(Integer.toUnsignedLong(current), Integer.toUnsignedLong(total));
            } catch (Throwable t) {
                if (!misuseLogged.getAndSet(true)) {
                    log.warn("The unmount progress listener failed: {}", t.toString());
                }
            }
        }

        void close() {
            closed = true;
            // The callback must stay reachable until DISM can no longer call it (JNA frees its stub
            // when the object is collected).
            java.lang.ref.Reference.reachabilityFence(this);
        }
    }

    private final class StdCallProgressRelay extends ProgressRelay implements DismApiLibrary.StdCallProgressCallback {
        StdCallProgressRelay(UnmountProgress listener) {
            super(listener);
        }
    }

    private static void requireWindowsPath(String mountPath) {
        if (mountPath == null || mountPath.isEmpty()) {
            throw new IllegalArgumentException("a mount path is required");
        }
        if (mountPath.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a mount path cannot contain a NUL character");
        }
        if (mountPath.length() > Utf16.MAX_PATH_UNITS) {
            throw new IllegalArgumentException("a mount path is at most " + Utf16.MAX_PATH_UNITS
                    + " UTF-16 units long (the Windows limit); this one has " + mountPath.length());
        }
    }

    private static <T> T await(CompletableFuture<T> future) throws DismException, DismUnavailableException, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DismException dism) {
                throw dism;
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
