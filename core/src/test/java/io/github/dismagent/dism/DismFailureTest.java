package io.github.dismagent.dism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.emulator.StateFileText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DismFailureTest {
    @RegisterExtension
    final EmulatorFixture emulator = new EmulatorFixture();

    /** Every code docs/architecture.md names ("Facts about DismAPI"), and the names dismagent gives them. */
    static final List<Object[]> CODES = List.of(
            new Object[] {0xC0040001, "DISMAPI_E_DISMAPI_NOT_INITIALIZED"},
            new Object[] {0xC0040002, "DISMAPI_E_SHUTDOWN_IN_PROGRESS"},
            new Object[] {0xC0040003, "DISMAPI_E_OPEN_SESSION_HANDLES"},
            new Object[] {0xC0040004, "DISMAPI_E_INVALID_DISM_SESSION"},
            new Object[] {0xC0040005, "DISMAPI_E_INVALID_IMAGE_INDEX"},
            new Object[] {0xC0040006, "DISMAPI_E_INVALID_IMAGE_NAME"},
            new Object[] {0xC0040007, "DISMAPI_E_UNABLE_TO_UNMOUNT_IMAGE_PATH"},
            new Object[] {0xC0040009, "DISMAPI_E_LOGGING_DISABLED"},
            new Object[] {0xC004000A, "DISMAPI_E_OPEN_HANDLES_UNABLE_TO_UNMOUNT_IMAGE_PATH"},
            new Object[] {0xC004000B, "DISMAPI_E_OPEN_HANDLES_UNABLE_TO_MOUNT_IMAGE_PATH"},
            new Object[] {0xC004000C, "DISMAPI_E_OPEN_HANDLES_UNABLE_TO_REMOUNT_IMAGE_PATH"},
            new Object[] {0xC1510114, "DISMAPI_E_NEEDS_REMOUNT"},
            new Object[] {0x800F0902, "DISMAPI_E_BUSY"},
            new Object[] {0x800702E4, "ERROR_ELEVATION_REQUIRED"},
            new Object[] {0x80070057, "E_INVALIDARG"},
            new Object[] {0x80004005, "E_FAIL"},
            new Object[] {0xC1420117, "WIM_FILES_STILL_OPEN"},
            new Object[] {0xC1420127, "WIM_ALREADY_MOUNTED_READ_WRITE"},
            new Object[] {0xC004000D, "DISMAPI_E_PARENT_FEATURE_DISABLED"},
            new Object[] {0xC004000E, "DISMAPI_E_MUST_SPECIFY_ONLINE_IMAGE"},
            new Object[] {0xC004000F, "DISMAPI_E_INVALID_PRODUCT_KEY"},
            new Object[] {0x800F080C, "DISMAPI_E_UNKNOWN_FEATURE"},
            new Object[] {0xC142010C, "WIM_UNMOUNT_FAILED"},
            new Object[] {0xC1510111, "DISM_NO_PERMISSION_TO_MOUNT"},
            new Object[] {0x80070020, "HRESULT_FROM_WIN32(32)"},
            new Object[] {0xDEAD0001, "UNKNOWN"});

    static Stream<Arguments> everyCodeOnEveryFunction() {
        List<Arguments> cases = new ArrayList<>();
        for (String function : List.of("DismInitialize", "DismGetMountedImageInfo", "DismRemountImage", "DismCleanupMountpoints")) {
            for (Object[] code : CODES) {
                cases.add(Arguments.of(function, code[0], code[1]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} fails with {2}")
    @MethodSource("everyCodeOnEveryFunction")
    void anInjectedFailureSurfacesWithItsCodeNameAndDismsMessage(String function, int hresult, String name) throws Exception {
        emulator.write(new StateFileText()
                .mount("C:\\Mount\\a", "D:\\a.wim", 1, "ReadWrite", "NeedsRemount")
                .fail(function, hresult, "injected into " + function + " for C:\\Mount\\a"));
        DismSession session = emulator.session();

        DismException e = assertThrows(DismException.class, () -> call(session, function));

        assertEquals(function, e.function());
        assertEquals(hresult, e.hresult());
        assertEquals(name, e.hresultName());
        if (function.equals("DismInitialize")) {
            // DISM is not initialised, so DismGetLastErrorMessage cannot answer: the standard text stands in.
            assertEquals(HResult.describe(hresult, ""), e.describe());
        } else {
            assertEquals("injected into " + function + " for C:\\Mount\\a", e.dismMessage());
            assertEquals(HResult.hex(hresult) + " " + name + ": injected into " + function + " for C:\\Mount\\a", e.describe());
        }
        assertTrue(e.getMessage().startsWith(function + " failed: " + HResult.hex(hresult) + " " + name), e.getMessage());
    }

    private static void call(DismSession session, String function) throws Exception {
        switch (function) {
            case "DismInitialize" -> session.initialize();
            case "DismGetMountedImageInfo" -> session.mountedImages();
            case "DismRemountImage" -> session.remount(MountPath.of("C:\\Mount\\a"));
            case "DismCleanupMountpoints" -> session.cleanupMountpoints();
            default -> throw new IllegalArgumentException(function);
        }
    }

    @Test
    void aFailureWithoutMessageCarriesDismsOwnText() throws Exception {
        emulator.write(new StateFileText().fail("DismGetMountedImageInfo", HResult.DISMAPI_E_BUSY, ""));

        DismException e = assertThrows(DismException.class, () -> emulator.session().mountedImages());

        assertEquals("0x800F0902 DISMAPI_E_BUSY: The current package and feature servicing infrastructure is busy. "
                + "Wait a bit and try the operation again.", e.describe());
    }

    @Test
    void successCodesOtherThanZeroAreNotFailures() {
        assertTrue(HResult.succeeded(HResult.DISMAPI_S_RELOAD_IMAGE_SESSION_REQUIRED));
        assertTrue(HResult.succeeded(HResult.ERROR_SUCCESS_REBOOT_REQUIRED));
        assertFalse(HResult.succeeded(HResult.E_FAIL));
        assertEquals("0x00000BC2 ERROR_SUCCESS_REBOOT_REQUIRED: The operation succeeded; the computer must be restarted.",
                HResult.describe(3010, null));
    }

    @Test
    void aFailedInitialisationIsRetriedByTheNextCallOnceTheFaultClears() throws Exception {
        emulator.write(new StateFileText().fail("DismInitialize", HResult.ERROR_ELEVATION_REQUIRED, ""));
        DismSession session = emulator.session();
        DismException e = assertThrows(DismException.class, session::mountedImages);
        assertEquals("DismInitialize", e.function());
        assertEquals("0x800702E4 ERROR_ELEVATION_REQUIRED: The requested operation requires elevation.", e.describe());

        emulator.write(new StateFileText().mount("C:\\Mount\\a", "D:\\a.wim", 1, "ReadWrite", "Ok"));

        assertEquals(1, session.mountedImages().size());
    }

    @Test
    void initialisesDismAgainWhenOtherCodeShutItDown() throws Exception {
        emulator.write(new StateFileText().mount("C:\\Mount\\a", "D:\\a.wim", 1, "ReadWrite", "Ok"));
        DismSession session = emulator.session();
        session.initialize();
        RawDism.api().DismShutdown(); // what another component of the host could do

        assertEquals(1, session.mountedImages().size());
        assertEquals(2, emulator.trace.calls().stream().filter(c -> c.function().equals("DismInitialize") && c.succeeded()).count());
    }

    @Test
    void sharesDismWhenOtherCodeInitialisedItAndLeavesItsShutdownToThatCode() throws Exception {
        assertEquals(HResult.S_OK, RawDism.api().DismInitialize(1, null, null));
        try {
            collectGarbage(); // the host's library stays loaded through it, as on Windows while the host holds its handle
            DismSession session = emulator.session();
            assertEquals(0, session.mountedImages().size());
            session.close();
            assertEquals(0, emulator.trace.count("DismShutdown"), "dismagent did not initialise DISM, so it does not shut it down");
        } finally {
            // The calls since the test began, should this ever fail again (seen twice in full runs, never alone).
            assertEquals(HResult.S_OK, RawDism.api().DismShutdown(), () -> "DISM was no longer initialised; calls: " + emulator.trace.calls());
        }
    }

    /** The value of DISMAPI_E_DISMAPI_ALREADY_INITIALIZED is undocumented: any code will do, if DISM answers. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0xC0040010, 0x80004005, 0x800704DF})
    void sharesDismInitialisedByOtherCodeWhateverCodeTheSecondInitialisationReturns(int code) throws Exception {
        emulator.write(new StateFileText().alreadyInitialized(code).mount("C:\\Mount\\a", "D:\\a.wim", 1, "ReadWrite", "Ok"));
        assertEquals(HResult.S_OK, RawDism.api().DismInitialize(1, null, null));
        try {
            DismSession session = emulator.session();
            assertEquals(1, session.mountedImages().size());
            session.close();
            assertEquals(1, emulator.trace.calls().stream().filter(c -> c.function().equals("DismInitialize") && c.hresult() == code).count());
            assertEquals(0, emulator.trace.count("DismShutdown"), "dismagent did not initialise DISM, so it does not shut it down");
        } finally {
            assertEquals(HResult.S_OK, RawDism.api().DismShutdown(), "the other code's own shutdown succeeds");
        }
    }

    @Test
    void aFailedInitialisationWhenDismDoesNotAnswerIsReportedWithItsOwnCode() throws Exception {
        emulator.write(new StateFileText().fail("DismInitialize", HResult.E_FAIL, "no servicing stack"));
        DismSession session = emulator.session();

        DismException e = assertThrows(DismException.class, session::mountedImages);

        // DISM is not initialised, so DismGetLastErrorMessage cannot answer: the standard text stands in.
        assertEquals("DismInitialize failed: 0x80004005 E_FAIL: Unspecified error.", e.getMessage());
        assertEquals(1, emulator.trace.count("DismGetMountedImageInfo"), "the probe, which found DISM not initialised");
    }

    @Test
    void elevationRequiredIsReportedWithoutProbing() throws Exception {
        assertEquals(HResult.S_OK, RawDism.api().DismInitialize(1, null, null));
        try {
            emulator.write(new StateFileText().fail("DismInitialize", HResult.ERROR_ELEVATION_REQUIRED, ""));
            DismSession session = emulator.session();

            DismException e = assertThrows(DismException.class, session::initialize);

            assertEquals(HResult.ERROR_ELEVATION_REQUIRED, e.hresult());
            assertEquals(0, emulator.trace.count("DismGetMountedImageInfo"));
        } finally {
            // The calls since the test began, should this ever fail again (seen twice in full runs, never alone).
            assertEquals(HResult.S_OK, RawDism.api().DismShutdown(), () -> "DISM was no longer initialised; calls: " + emulator.trace.calls());
        }
    }

    @Test
    void aSlowCallIsVisibleAsTheRunningCallAndCloseDoesNotWaitForever() throws Exception {
        emulator.write(new StateFileText().delay("DismGetMountedImageInfo", Duration.ofSeconds(7)));
        DismSession session = emulator.session();
        session.initialize();
        CompletableFuture<List<MountedImage>> slow = session.mountedImagesAsync();
        CompletableFuture<Void> queued = session.cleanupMountpointsAsync();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (session.runningCall().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals("DismGetMountedImageInfo", session.runningCall().orElseThrow().function());
        assertEquals(1, session.queuedCalls());
        assertFalse(slow.isDone());

        long start = System.nanoTime();
        session.close();
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waited < 20_000, "close gave up on the hung call after its bound, waited " + waited + " ms");
        assertFalse(queued.isDone(), "queued work still waits behind the hung call, not lost silently");
        emulator.write(new StateFileText()); // let the delayed call finish so the emulator can be shut down
        slow.get(40, TimeUnit.SECONDS);
        queued.get(10, TimeUnit.SECONDS);
        // The session's own DismShutdown, queued behind the hung call, runs now: waited for here, or it
        // would shut down the DISM that the next test initialises for itself.
        io.github.dismagent.testing.Eventually.await("the session's queued DismShutdown ran",
                () -> emulator.trace.count("DismShutdown") == 1, Duration.ofSeconds(10));
    }

    private static void collectGarbage() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100); // JNA disposes of collected libraries on its cleaner thread
        }
    }
}
