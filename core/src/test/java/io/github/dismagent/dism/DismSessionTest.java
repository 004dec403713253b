package io.github.dismagent.dism;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.emulator.EmulatorTrace;
import io.github.dismagent.emulator.StateFileText;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DismSessionTest {
    @RegisterExtension
    final EmulatorFixture emulator = new EmulatorFixture();

    @Test
    void listsSeveralImagesReadingTheArrayAtThePackedStride() throws Exception {
        emulator.write(new StateFileText()
                .mount("C:\\Mount\\win11", "D:\\images\\install.wim", 1, "ReadWrite", "NeedsRemount")
                .mount("C:\\Mount\\pe", "D:\\images\\boot.wim", 2, "ReadOnly", "Ok")
                .mount("E:\\vhd", "D:\\images\\disk.vhdx", 3, "ReadWrite", "Invalid"));

        List<MountedImage> images = emulator.session().mountedImages();

        assertEquals(List.of(
                new MountedImage("C:\\Mount\\win11", "D:\\images\\install.wim", 1, 0, 1),
                new MountedImage("C:\\Mount\\pe", "D:\\images\\boot.wim", 2, 1, 0),
                new MountedImage("E:\\vhd", "D:\\images\\disk.vhdx", 3, 0, 2)), images);
        assertEquals(MountStatus.NEEDS_REMOUNT, images.get(0).mountStatus());
        assertEquals(MountMode.READ_ONLY, images.get(1).mountMode());
    }

    @Test
    void readsNonAsciiAndNonBmpPathsExactly() throws Exception {
        String mountPath = "C:\\Mount\\Ωmega\\𝄞";
        String imagePath = "D:\\образы\\インストール.wim";
        emulator.write(new StateFileText().mount(mountPath, imagePath, 1, "ReadWrite", "Ok"));

        MountedImage image = emulator.session().mountedImages().get(0);

        assertEquals(mountPath, image.mountPath());
        assertEquals(imagePath, image.imageFilePath());
        assertEquals(17, image.mountPath().length(), "15 units, then 𝄞 as a surrogate pair");
        assertEquals(0xD834, image.mountPath().charAt(15));
        assertEquals(0xDD1E, image.mountPath().charAt(16));
    }

    @Test
    void anEmptyTableIsAnEmptyListAndItsArrayIsStillDeleted() throws Exception {
        List<MountedImage> images = emulator.session().mountedImages();

        assertTrue(images.isEmpty());
        assertEquals(1, emulator.trace.count("DismDelete"), "the emulator returns an array even for no rows");
    }

    @Test
    void readsAThousandImagesWithExactFields() throws Exception {
        StateFileText text = new StateFileText();
        for (int i = 0; i < 1000; i++) {
            text.mount("C:\\Mount\\image-" + i, "D:\\images\\" + i + ".wim", i + 1L, i % 2 == 0 ? "ReadWrite" : "ReadOnly",
                    List.of("Ok", "NeedsRemount", "Invalid").get(i % 3));
        }
        emulator.write(text);

        List<MountedImage> images = emulator.session().mountedImages();

        assertEquals(1000, images.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals(new MountedImage("C:\\Mount\\image-" + i, "D:\\images\\" + i + ".wim", i + 1L, i % 2, i % 3), images.get(i));
        }
    }

    @Test
    void keepsNullPointersAndUnknownNumbersAsData() throws Exception {
        emulator.write(new StateFileText()
                .mount("", "D:\\images\\orphan.wim", 4294967295L, "7", "42")
                .mount("C:\\Mount\\no-file", "", 1, "ReadOnly", "-3"));

        List<MountedImage> images = emulator.session().mountedImages();

        MountedImage orphan = images.get(0);
        assertAll(
                () -> assertNull(orphan.mountPath()),
                () -> assertEquals(4294967295L, orphan.imageIndex(), "UINT read unsigned"),
                () -> assertEquals(MountMode.UNKNOWN, orphan.mountMode()),
                () -> assertEquals("Unknown(7)", orphan.mountModeName()),
                () -> assertEquals(MountStatus.UNKNOWN, orphan.mountStatus()),
                () -> assertEquals("Unknown(42)", orphan.mountStatusName()),
                () -> assertNull(images.get(1).imageFilePath()),
                () -> assertEquals("Unknown(-3)", images.get(1).mountStatusName()));
    }

    @Test
    void remountTurnsANeedsRemountImageOk() throws Exception {
        emulator.write(new StateFileText()
                .mount("C:\\Mount\\a", "D:\\a.wim", 1, "ReadWrite", "NeedsRemount")
                .mount("C:\\Mount\\b", "D:\\b.wim", 1, "ReadWrite", "NeedsRemount"));
        DismSession session = emulator.session();

        assertEquals(HResult.S_OK, session.remount(MountPath.of("C:\\Mount\\a")));

        assertEquals("Ok", emulator.state.statusOf("C:\\Mount\\a"));
        assertEquals("NeedsRemount", emulator.state.statusOf("C:\\Mount\\b"));
        assertEquals(MountStatus.OK, session.mountedImages().get(0).mountStatus());
    }

    @Test
    void remountOfAnImageAlreadyOkSucceeds() throws Exception {
        emulator.write(new StateFileText().mount("C:\\Mount\\a", "D:\\a.wim", 1, "ReadWrite", "Ok"));

        assertEquals(HResult.S_OK, emulator.session().remount(MountPath.of("C:\\Mount\\a")));
    }

    @Test
    void remountOfAnInvalidImageFailsWithEFailAndDismsMessage() throws Exception {
        emulator.write(new StateFileText().mount("C:\\Mount\\a", "D:\\a.wim", 1, "ReadWrite", "Invalid"));

        DismException e = assertThrows(DismException.class, () -> emulator.session().remount(MountPath.of("C:\\Mount\\a")));

        assertEquals(HResult.E_FAIL, e.hresult());
        assertEquals("E_FAIL", e.hresultName());
        assertEquals("DismRemountImage", e.function());
        assertTrue(e.dismMessage().contains("C:\\Mount\\a"), e.dismMessage());
    }

    @Test
    void remountOfAPathThatIsNotMountedFailsWithInvalidArg() throws Exception {
        DismException e = assertThrows(DismException.class, () -> emulator.session().remount(MountPath.of("C:\\Mount\\nowhere")));

        assertEquals(HResult.E_INVALIDARG, e.hresult());
        assertEquals("0x80070057 E_INVALIDARG: No image is mounted at C:\\Mount\\nowhere.", e.describe());
    }

    @Test
    void cleanupRemovesInvalidImagesOnly() throws Exception {
        emulator.write(new StateFileText()
                .mount("C:\\Mount\\a", "D:\\a.wim", 1, "ReadWrite", "Invalid")
                .mount("C:\\Mount\\b", "D:\\b.wim", 1, "ReadOnly", "NeedsRemount"));
        DismSession session = emulator.session();

        session.cleanupMountpoints();

        assertEquals(List.of(new MountedImage("C:\\Mount\\b", "D:\\b.wim", 1, 1, 1)), session.mountedImages());
    }

    @Test
    void aMalformedStateFileIsADismFailureNamingTheLine() throws Exception {
        DismSession session = emulator.session();
        session.initialize();
        emulator.state.write("C:\\Mount\\a\tD:\\a.wim\t1\tReadWrite\n");

        DismException e = assertThrows(DismException.class, session::mountedImages);

        assertEquals(HResult.E_FAIL, e.hresult());
        assertTrue(e.dismMessage().contains("line 1"), e.dismMessage());
    }

    @Test
    void deletesEveryReturnedStructureExactlyOnce() throws Exception {
        emulator.write(new StateFileText()
                .mount("C:\\Mount\\a", "D:\\a.wim", 1, "ReadWrite", "NeedsRemount")
                .mount("C:\\Mount\\c", "D:\\c.wim", 1, "ReadWrite", "Invalid"));
        DismSession session = emulator.session();
        session.mountedImages();
        session.remount(MountPath.of("C:\\Mount\\a"));
        assertThrows(DismException.class, () -> session.remount(MountPath.of("C:\\Mount\\c")));
        assertThrows(DismException.class, () -> session.remount(MountPath.of("C:\\Mount\\x")));
        session.mountedImages();
        session.close();

        List<EmulatorTrace.Call> calls = emulator.trace.calls();
        long returned = calls.stream().filter(c -> c.succeeded() && (c.function().equals("DismGetMountedImageInfo")
                || c.function().equals("DismGetLastErrorMessage"))).count();
        long deleted = calls.stream().filter(c -> c.function().equals("DismDelete")).count();
        assertEquals(4, returned, "two tables and two messages");
        assertEquals(returned, deleted, "one DismDelete per returned structure");
        assertTrue(calls.stream().filter(c -> c.function().equals("DismDelete")).allMatch(EmulatorTrace.Call::succeeded),
                "no DismDelete of a pointer DISM did not hand out (no double free)");
    }

    @Test
    void invalidMountPathsAreRefusedWithoutCallingDism() {
        DismSession session = emulator.session();

        for (String bad : new String[] {null, "", "C:\\Mount\\a\0b", "C:\\" + "x".repeat(40_000)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> session.remount(MountPath.of(bad)));
            assertTrue(e.getMessage().contains("mount path"), e.getMessage());
        }
        assertEquals(0, emulator.trace.count("DismRemountImage"));
    }

    @Test
    void servesConcurrentCallersFromManyThreadsOnTheOneDismThread() throws Exception {
        StateFileText text = new StateFileText();
        for (int i = 0; i < 32; i++) {
            text.mount("C:\\Mount\\" + i, "D:\\" + i + ".wim", i, "ReadWrite", "NeedsRemount");
        }
        text.mount("C:\\Mount\\locked", "D:\\locked.wim", 1, "ReadWrite", "NeedsRemount");
        text.fail("DismCleanupMountpoints", HResult.DISMAPI_E_BUSY, "busy servicing C:\\Mount\\locked");
        emulator.write(text);
        DismSession session = emulator.session();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String path = "C:\\Mount\\" + i;
                results.add(callers.submit(() -> "remount " + session.remount(MountPath.of(path))));
                results.add(callers.submit(() -> "images " + session.mountedImages().size()));
                Callable<String> cleanup = () -> {
                    DismException e = assertThrows(DismException.class, session::cleanupMountpoints);
                    return e.dismMessage();
                };
                results.add(callers.submit(cleanup));
            }
            for (int i = 0; i < results.size(); i++) {
                String expected = switch (i % 3) {
                    case 0 -> "remount 0";
                    case 1 -> "images 33";
                    default -> "busy servicing C:\\Mount\\locked";
                };
                assertEquals(expected, results.get(i).get(), "each caller gets its own answer, and DISM's message for its own failure");
            }
        } finally {
            callers.shutdownNow();
        }
        for (int i = 0; i < 32; i++) {
            assertEquals("Ok", emulator.state.statusOf("C:\\Mount\\" + i));
        }
    }
}
