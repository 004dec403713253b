package io.github.dismagent.dism;

import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.github.dismagent.emulator.EmulatorState;
import io.github.dismagent.emulator.StateFileText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Drives every path of the binding through the AddressSanitizer build of the emulator, in a JVM of
 * its own ({@link AddressSanitizerTest} starts it). With the argument {@code leak} it also leaves
 * one structure undeleted, to prove that the test would see a leak.
 */
public final class AsanDriver {
    private AsanDriver() {
    }

    public static void main(String[] args) throws Exception {
        EmulatorState state = new EmulatorState(Path.of(System.getenv(EmulatorState.ENVIRONMENT_VARIABLE)));
        StateFileText table = new StateFileText()
                .mount("C:\\Mount\\Ωmega\\𝄞", "D:\\images\\install.wim", 1, "ReadWrite", "NeedsRemount")
                .mount("", "D:\\orphan.wim", 4294967295L, "9", "42")
                .mount("C:\\Mount\\bad", "", 2, "ReadOnly", "Invalid");
        for (int i = 0; i < 1000; i++) {
            table.mount("C:\\Mount\\" + "x".repeat(i % 300) + i, "D:\\" + i + ".wim", i, "ReadOnly", "Ok");
        }
        table.mount("C:\\Mount\\" + "L".repeat(32_000), "D:\\" + "I".repeat(32_000) + ".wim", 3, "ReadWrite", "NeedsRemount");
        state.write(table);

        try (DismSession session = DismSession.open(DismSettings.defaults())) {
            check(session.mountedImages().size() == 1004, "1004 images");
            check(session.remount(MountPath.of("C:\\Mount\\Ωmega\\𝄞")) == 0, "remount");
            expectFailure(() -> session.remount(MountPath.of("C:\\Mount\\bad")), HResult.E_FAIL);
            expectFailure(() -> session.remount(MountPath.of("C:\\Mount\\nowhere")), HResult.E_INVALIDARG);
            check(session.remount(MountPath.of("C:\\Mount\\" + "L".repeat(32_000))) == 0, "remount of a 32,009-unit path");
            session.cleanupMountpoints();
            check(session.mountedImages().size() == 1003, "cleanup removed the invalid image");

            state.write(new StateFileText().mount("C:\\Mount\\a", "D:\\a.wim", 1, "ReadWrite", "NeedsRemount")
                    .fail("DismRemountImage", HResult.DISMAPI_E_BUSY, "busy " + "m".repeat(5000)));
            ExecutorService callers = Executors.newFixedThreadPool(8);
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(callers.submit(() -> expectFailure(() -> session.remount(MountPath.of("C:\\Mount\\a")), HResult.DISMAPI_E_BUSY)));
                calls.add(callers.submit(() -> session.mountedImages()));
            }
            for (Future<?> call : calls) {
                call.get();
            }
            callers.shutdown();

            state.write("C:\\Mount\\a\tbroken line\n");
            expectFailure(session::mountedImages, HResult.E_FAIL);
            state.write(new StateFileText());
        }

        if (args.length > 0 && args[0].equals("leak")) {
            DismApiLibrary api = RawDism.api();
            state.write(new StateFileText().mount("C:\\Mount\\leak", "D:\\leak.wim", 1, "ReadWrite", "Ok"));
            check(api.DismInitialize(1, null, null) == 0, "raw initialise");
            check(api.DismGetMountedImageInfo(new PointerByReference(), new IntByReference()) == 0, "raw read, never deleted");
            check(api.DismShutdown() == 0, "raw shutdown");
        }
        System.out.println("ASAN DRIVER DONE");
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static Object expectFailure(Call call, int hresult) throws Exception {
        try {
            call.run();
        } catch (DismException e) {
            check(e.hresult() == hresult, "expected " + HResult.hex(hresult) + ", got " + e.getMessage());
            return null;
        }
        throw new AssertionError("expected failure " + HResult.hex(hresult));
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
