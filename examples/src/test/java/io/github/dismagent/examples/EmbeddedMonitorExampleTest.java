package io.github.dismagent.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.emulator.EmulatorState;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.examples.embedding.EmbeddedMonitorExample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmbeddedMonitorExampleTest {

    @Test
    void readsTheTableRemountsAndFillsTheApplicationsOwnRegistryAndMBeanServer() throws Exception {
        EmulatorState state = EmulatorState.ofThisProcess();
        state.write(new StateFileText()
                .mount("C:\\Mount\\a", "D:\\a.wim", 1, "ReadWrite", "Ok")
                .mount("C:\\Mount\\b", "D:\\b.wim", 2, "ReadOnly", "NeedsRemount"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        EmbeddedMonitorExample.run(new PrintStream(out, true, StandardCharsets.UTF_8));

        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("  C:\\Mount\\b  NeedsRemount"), text);
        assertTrue(text.contains("Remounted C:\\Mount\\b in "), text);
        assertTrue(text.contains("MBeans: [acme.imaging:type=DismImages]"), text);
        assertTrue(text.contains("dism_images{status=\"needs_remount\"} 0.0"), text);
        assertTrue("Ok".equals(state.statusOf("C:\\Mount\\b")));
    }
}
