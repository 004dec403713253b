package io.github.dismagent.examples.demo;

import io.github.dismagent.emulator.EmulatorState;
import io.github.dismagent.emulator.StateFileText;
import java.nio.file.Path;

/**
 * The demo's machine-wide mount table, in the DismAPI emulator's state file.
 * Usage: DemoMountTable seed <state file>   images in all three statuses
 *        DemoMountTable reboot <state file> what a reboot does: every Ok image becomes NeedsRemount
 */
public final class DemoMountTable {
    private DemoMountTable() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !(args[0].equals("seed") || args[0].equals("reboot"))) {
            System.err.println("usage: DemoMountTable seed|reboot <state file>");
            System.exit(2);
        }
        EmulatorState state = new EmulatorState(Path.of(args[1]));
        if (args[0].equals("seed")) {
            state.write(seed());
            System.out.println("Mount table seeded: " + state.file());
        } else {
            System.out.println(reboot(state));
        }
    }

    static StateFileText seed() {
        return new StateFileText()
                .comment("The demo's mounted images: two Ok, one NeedsRemount, one Invalid")
                .mount("C:\\Mount\\win11-enterprise", "D:\\images\\win11-24h2\\install.wim", 3, "ReadWrite", "Ok")
                .mount("C:\\Mount\\winpe-amd64", "D:\\images\\winpe\\boot.wim", 2, "ReadOnly", "Ok")
                .mount("C:\\Mount\\server2022", "D:\\images\\server2022\\install.wim", 4, "ReadWrite", "NeedsRemount")
                .mount("C:\\Mount\\win10-ltsc", "D:\\images\\win10-ltsc.vhdx", 1, "ReadWrite", "Invalid");
    }

    /** Every Ok image becomes NeedsRemount, as after a reboot of a Windows server; returns what changed. */
    static String reboot(EmulatorState state) {
        StateFileText after = new StateFileText().comment("After a simulated reboot");
        StringBuilder report = new StringBuilder("Simulated a reboot:");
        for (EmulatorState.Row row : state.rows()) {
            String status = row.mountStatus().equals("Ok") ? "NeedsRemount" : row.mountStatus();
            if (!status.equals(row.mountStatus())) {
                report.append(System.lineSeparator()).append("  ").append(row.mountPath()).append(": Ok -> NeedsRemount");
            }
            after.mount(row.mountPath(), row.imageFilePath(), Long.parseLong(row.imageIndex()), row.mountMode(), status);
        }
        state.write(after);
        return report.toString();
    }
}
