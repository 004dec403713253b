package io.github.dismagent.dism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.ByReference;
import io.github.dismagent.testing.Requirements;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binding and the emulator against Microsoft's declarations, as mingw-w64 ships them
 * ({@code dismapi.h}, {@code libdismapi.a}; Debian packages mingw-w64-x86-64-dev,
 * mingw-w64-i686-dev, gcc-mingw-w64-*, binutils-mingw-w64-*), for 64-bit and 32-bit Windows.
 * The layout checks are {@code _Static_assert}s that the Windows cross-compiler evaluates: nothing
 * built for Windows has to run here.
 */
class RealHeaderTest {
    private static final Path HEADER = Path.of("/usr/share/mingw-w64/include/dismapi.h");
    private static final Path EMULATOR_HEADER = Path.of("..", "emulator", "src", "main", "c", "dismapi_abi.h").toAbsolutePath().normalize();

    /** A Windows target: its triplet, pointer size, and import library. */
    private record Target(String triplet, int pointerSize) {
        static Target of(String triplet) {
            return new Target(triplet, triplet.startsWith("x86_64") ? 8 : 4);
        }

        String gcc() {
            return triplet + "-gcc";
        }

        String nm() {
            return triplet + "-nm";
        }

        Path importLibrary() {
            return Path.of("/usr", triplet, "lib", "libdismapi.a");
        }
    }

    @TempDir
    Path work;

    @BeforeEach
    void requireMingw() {
        for (String triplet : List.of("x86_64-w64-mingw32", "i686-w64-mingw32")) {
            Target target = Target.of(triplet);
            Requirements.require(Files.isRegularFile(HEADER) && Files.isRegularFile(target.importLibrary()) && onPath(target.gcc())
                            && onPath(target.nm()),
                    "mingw-w64's dismapi.h, libdismapi.a, gcc and nm for " + triplet + " (apt-get install mingw-w64-x86-64-dev "
                            + "mingw-w64-i686-dev gcc-mingw-w64-x86-64 gcc-mingw-w64-i686 binutils-mingw-w64-x86-64 binutils-mingw-w64-i686)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86_64-w64-mingw32", "i686-w64-mingw32"})
    void theRealHeaderHasTheLayoutTheBindingReadsAndTheCodesItNames(String triplet) throws Exception {
        Target target = Target.of(triplet);
        String source = "#include <windows.h>\n#include <dismapi.h>\n#include <stddef.h>\n"
                + layoutAssertions(target.pointerSize())
                + "_Static_assert(sizeof(DismMountMode) == 4 && sizeof(DismMountStatus) == 4 && sizeof(DismLogLevel) == 4, \"4-byte enums\");\n"
                + "_Static_assert(sizeof(UINT) == 4 && sizeof(HRESULT) == 4 && sizeof(WCHAR) == 2, \"UINT, HRESULT, WCHAR\");\n"
                + "_Static_assert(DismReadWrite == 0 && DismReadOnly == 1, \"DismMountMode\");\n"
                + "_Static_assert(DismMountStatusOk == 0 && DismMountStatusNeedsRemount == 1 && DismMountStatusInvalid == 2, \"DismMountStatus\");\n"
                + "_Static_assert(DismLogErrors == 0 && DismLogErrorsWarnings == 1 && DismLogErrorsWarningsInfo == 2, \"DismLogLevel\");\n"
                + codeAssertions();

        compile(target, source);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86_64-w64-mingw32", "i686-w64-mingw32"})
    void theEmulatorsHeaderHasTheSameLayoutForWindows(String triplet) throws Exception {
        Target target = Target.of(triplet);
        String source = "#include \"" + EMULATOR_HEADER + "\"\n" + layoutAssertions(target.pointerSize())
                + "_Static_assert(sizeof(DISM_WCHAR) == 2, \"UTF-16 code units\");\n";

        compile(target, source);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86_64-w64-mingw32", "i686-w64-mingw32"})
    void everyFunctionTheBindingCallsIsExportedWithTheArgumentSizeItPasses(String triplet) throws Exception {
        Target target = Target.of(triplet);
        List<String> symbols = run(List.of(target.nm(), "--defined-only", target.importLibrary().toString())).lines()
                .map(line -> line.substring(line.lastIndexOf(' ') + 1)).toList();
        List<String> missing = new ArrayList<>();
        for (String function : DismApiLibrary.FUNCTIONS) {
            // x86: stdcall symbols carry their argument bytes, which must be what the Java mapping passes.
            String expected = target.pointerSize() == 8 ? function : "_" + function + argumentBytes(function).map(n -> "@" + n).orElse("@");
            boolean found = target.pointerSize() == 8 ? symbols.contains(expected)
                    : symbols.stream().anyMatch(s -> expected.endsWith("@") ? s.startsWith(expected) : s.equals(expected));
            if (!found) {
                missing.add(expected);
            }
        }
        assertEquals(List.of(), missing, "exports of " + target.importLibrary() + " that the binding needs");
    }

    /** The x86 stack bytes of the binding's mapping of a function; empty for one it does not map yet. */
    private static java.util.Optional<Integer> argumentBytes(String function) {
        return Arrays.stream(DismApiLibrary.class.getMethods()).filter(m -> m.getName().equals(function)).findFirst()
                .map(RealHeaderTest::x86ArgumentBytes);
    }

    private static int x86ArgumentBytes(Method method) {
        int bytes = 0;
        for (Class<?> type : method.getParameterTypes()) {
            // A Callback is a function pointer: 4 bytes on x86, like any other pointer.
            assertTrue(type == int.class || Pointer.class.isAssignableFrom(type) || ByReference.class.isAssignableFrom(type)
                    || Callback.class.isAssignableFrom(type),
                    method + " passes a " + type + ": add its size here");
            bytes += 4;
        }
        return bytes;
    }

    private static String layoutAssertions(int pointerSize) {
        DismMountedImageInfo.Layout layout = DismMountedImageInfo.packed(pointerSize);
        if (pointerSize == Native.POINTER_SIZE) {
            assertEquals(DismMountedImageInfo.LAYOUT, layout, "JNA's layout on this JVM");
        }
        return String.format(Locale.ROOT, """
                _Static_assert(sizeof(void *) == %d, "pointer size");
                _Static_assert(sizeof(DismMountedImageInfo) == %d, "DismMountedImageInfo size");
                _Static_assert(sizeof(DismMountedImageInfo[3]) == 3 * %d, "DismMountedImageInfo stride");
                _Static_assert(offsetof(DismMountedImageInfo, MountPath) == %d, "MountPath offset");
                _Static_assert(offsetof(DismMountedImageInfo, ImageFilePath) == %d, "ImageFilePath offset");
                _Static_assert(offsetof(DismMountedImageInfo, ImageIndex) == %d, "ImageIndex offset");
                _Static_assert(offsetof(DismMountedImageInfo, MountMode) == %d, "MountMode offset");
                _Static_assert(offsetof(DismMountedImageInfo, MountStatus) == %d, "MountStatus offset");
                _Static_assert(sizeof(DismString) == %d && offsetof(DismString, Value) == 0, "DismString");
                """, pointerSize, layout.size(), layout.size(), layout.mountPath(), layout.imageFilePath(), layout.imageIndex(),
                layout.mountMode(), layout.mountStatus(), pointerSize);
    }

    /** Every DISMAPI_* code the binding names has that name and value in the header. */
    private static String codeAssertions() throws IllegalAccessException {
        StringBuilder text = new StringBuilder();
        for (Field field : HResult.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class && field.getName().startsWith("DISMAPI_")) {
                text.append(String.format(Locale.ROOT, "_Static_assert((unsigned long)%s == 0x%08XUL, \"%s\");%n",
                        field.getName(), field.getInt(null), field.getName()));
            }
        }
        assertTrue(text.toString().contains("DISMAPI_E_NEEDS_REMOUNT"), text.toString());
        return text.toString();
    }

    private void compile(Target target, String source) throws Exception {
        Path file = Files.writeString(work.resolve("layout-" + target.triplet() + ".c"), source);
        run(List.of(target.gcc(), "-std=c11", "-fsyntax-only", "-Wall", "-Werror", "-Wno-attributes", file.toString()));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), command + ":\n" + text);
        return text;
    }

    private static boolean onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
