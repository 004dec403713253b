package io.github.dismagent.dism;

import java.util.Optional;

/** The facts about a Windows installation that decide which DISM library to load. */
interface WindowsInstallation {

    /**
     * {@code KitsRoot10} under {@code HKLM\SOFTWARE\Microsoft\Windows Kits\Installed Roots}, from the
     * 32-bit registry view (where the Windows ADK's installer writes it), else the 64-bit one; empty
     * without an ADK or when the value cannot be read as a string.
     */
    Optional<String> kitsRoot10();

    /** {@code %SystemRoot%}, e.g. {@code C:\Windows}. */
    Optional<String> systemRoot();

    /** The ADK's folder for this JVM's architecture: {@code amd64}, {@code x86} or {@code arm64}. */
    String adkArchitecture();

    /** A 32-bit JVM on 64-bit Windows, which DISM does not support. */
    boolean isWow64();

    /** Whether this process's token is elevated (run as administrator); empty when it cannot be read. */
    Optional<Boolean> isElevated();

    boolean isFile(String path);

    /** The file version of a DLL, e.g. {@code 10.0.26100.1}; empty when it has none. */
    Optional<String> fileVersion(String path);
}
