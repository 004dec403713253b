package io.github.dismagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenedResourcesTest {
    @Test
    void closesTheLastOpenedFirstAndEachOnce() {
        List<String> closed = new ArrayList<>();
        OpenedResources resources = new OpenedResources();
        resources.opened("session", () -> closed.add("session"));
        resources.opened("monitor", () -> closed.add("monitor"));
        resources.opened("endpoint", () -> closed.add("endpoint"));

        resources.closeAll();
        resources.closeAll();

        assertEquals(List.of("endpoint", "monitor", "session"), closed);
    }

    @Test
    void aFailingCloseDoesNotKeepTheOthersOpen() {
        List<String> closed = new ArrayList<>();
        OpenedResources resources = new OpenedResources();
        resources.opened("session", () -> closed.add("session"));
        resources.opened("broken", () -> {
            throw new IllegalStateException("broken on purpose");
        });
        resources.opened("endpoint", () -> closed.add("endpoint"));

        resources.closeAll();

        assertEquals(List.of("endpoint", "session"), closed);
    }
}
