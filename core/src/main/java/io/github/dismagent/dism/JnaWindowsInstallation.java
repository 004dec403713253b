package io.github.dismagent.dism;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.VerRsrc;
import com.sun.jna.platform.win32.VersionUtil;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import java.io.File;
import java.util.Locale;
import java.util.Optional;

/** {@link WindowsInstallation} read from the registry and the environment, through jna-platform. */
final class JnaWindowsInstallation implements WindowsInstallation {
    private static final String INSTALLED_ROOTS = "SOFTWARE\\Microsoft\\Windows Kits\\Installed Roots";

    @Override
    public Optional<String> kitsRoot10() {
        try {
            if (!Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, INSTALLED_ROOTS, "KitsRoot10", WinNT.KEY_WOW64_32KEY)) {
                return Optional.empty();
            }
            return Optional.of(Advapi32Util.registryGetStringValue(WinReg.HKEY_LOCAL_MACHINE, INSTALLED_ROOTS, "KitsRoot10", WinNT.KEY_WOW64_32KEY));
        } catch (Win32Exception e) {
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
