package io.github.dismagent.dism;

import com.sun.jna.Structure;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.VerRsrc;
import com.sun.jna.platform.win32.VersionUtil;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.ptr.IntByReference;
import java.io.File;
import java.util.Locale;
import java.util.Optional;

/** {@link WindowsInstallation} read from the registry and the environment, through jna-platform. */
final class JnaWindowsInstallation implements WindowsInstallation {
    private static final String INSTALLED_ROOTS = "SOFTWARE\\Microsoft\\Windows Kits\\Installed Roots";

    /**
     * The ADK's installer writes {@code KitsRoot10} in the 32-bit view; the 64-bit view is read
     * next, for installers that do otherwise. A value of the wrong type or an unreadable key is
     * no ADK, never an exception.
     */
    @Override
    public Optional<String> kitsRoot10() {
        return kitsRoot10(WinNT.KEY_WOW64_32KEY).or(() -> kitsRoot10(WinNT.KEY_WOW64_64KEY));
    }

    private static Optional<String> kitsRoot10(int view) {
        try {
            if (!Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, INSTALLED_ROOTS, "KitsRoot10", view)) {
                return Optional.empty();
            }
            return Optional.of(Advapi32Util.registryGetStringValue(WinReg.HKEY_LOCAL_MACHINE, INSTALLED_ROOTS, "KitsRoot10", view))
                    .filter(root -> !root.isBlank());
        } catch (RuntimeException e) {
            // Win32Exception for an unreadable key; a plain RuntimeException for a value that is not REG_SZ.
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> systemRoot() {
        return Optional.ofNullable(System.getenv("SystemRoot")).filter(s -> !s.isBlank());
    }

    @Override
    public String adkArchitecture() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if (arch.equals("aarch64") || arch.equals("arm64")) {
            return "arm64";
        }
        return arch.contains("64") ? "amd64" : "x86";
    }

    @Override
    public boolean isWow64() {
        return !com.sun.jna.Platform.is64Bit() && System.getenv("PROCESSOR_ARCHITEW6432") != null;
    }

    /** {@code TOKEN_ELEVATION}: one {@code DWORD}. */
    @Structure.FieldOrder("TokenIsElevated")
    public static final class TokenElevation extends Structure {
        public int TokenIsElevated;
    }

    @Override
    public Optional<Boolean> isElevated() {
        WinNT.HANDLEByReference token = new WinNT.HANDLEByReference();
        if (!Advapi32.INSTANCE.OpenProcessToken(Kernel32.INSTANCE.GetCurrentProcess(), WinNT.TOKEN_QUERY, token)) {
            return Optional.empty();
        }
        try {
            TokenElevation elevation = new TokenElevation();
            IntByReference size = new IntByReference();
            if (!Advapi32.INSTANCE.GetTokenInformation(token.getValue(), WinNT.TOKEN_INFORMATION_CLASS.TokenElevation, elevation,
                    elevation.size(), size)) {
                return Optional.empty();
            }
            return Optional.of(elevation.TokenIsElevated != 0);
        } finally {
            Kernel32.INSTANCE.CloseHandle(token.getValue());
        }
    }

    @Override
    public boolean isFile(String path) {
        return new File(path).isFile();
    }

    @Override
    public Optional<String> fileVersion(String path) {
        try {
            VerRsrc.VS_FIXEDFILEINFO info = VersionUtil.getFileVersionInfo(path);
            return Optional.of(info.getFileVersionMajor() + "." + info.getFileVersionMinor() + "."
                    + info.getFileVersionRevision() + "." + info.getFileVersionBuild());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
