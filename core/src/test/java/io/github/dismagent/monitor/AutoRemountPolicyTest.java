package io.github.dismagent.monitor;

import io.github.dismagent.dism.MountPath;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dismagent.dism.MountedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AutoRemountPolicyTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static Snapshot table(int status) {
        MountedImage image = new MountedImage("C:\\Mount\\a", "D:\\a.wim", 1, 0, status);
        return new Snapshot(List.of(new MonitoredImage(image, MountPath.key(image.mountPath()), T0, "")), true, T0, "", "test");
    }

    private static List<String> due(AutoRemountPolicy policy, Snapshot snapshot, Instant at) {
        return policy.due(snapshot, at, 3).stream().map(MonitoredImage::displayPath).toList();
    }

    @Test
    void waitsTheBackoffThenTwiceAsLongAndStopsAfterMaxAttempts() {
        AutoRemountPolicy policy = new AutoRemountPolicy();
        Snapshot needs = table(1);

        assertEquals(List.of("C:\\Mount\\a"), due(policy, needs, T0));
        policy.attempted("C:\\MOUNT\\A", T0, MINUTE);
        assertEquals(List.of(), due(policy, needs, T0.plusSeconds(59)));
        assertEquals(List.of("C:\\Mount\\a"), due(policy, needs, T0.plusSeconds(60)));
        policy.attempted("C:\\MOUNT\\A", T0.plusSeconds(60), MINUTE);
        assertEquals(Optional.of(T0.plusSeconds(180)), policy.nextDue(3), "1 min, then 2 min");
        policy.attempted("C:\\MOUNT\\A", T0.plusSeconds(180), MINUTE);

        assertEquals(List.of(), due(policy, needs, T0.plus(Duration.ofDays(2))), "three attempts, then no more");
        assertEquals(List.of("C:\\MOUNT\\A"), policy.newlyExhausted(3));
        assertEquals(List.of(), policy.newlyExhausted(3), "giving up is reported once");
        assertEquals(Optional.empty(), policy.nextDue(3));
    }

    @Test
    void startsAfreshWhenTheStatusChanges() {
        AutoRemountPolicy policy = new AutoRemountPolicy();
        for (int i = 0; i < 3; i++) {
            policy.attempted("C:\\MOUNT\\A", T0, MINUTE);
        }
        assertEquals(List.of(), due(policy, table(1), T0.plus(Duration.ofDays(2))));

        due(policy, table(0), T0); // Ok for a moment: forgotten

        assertEquals(List.of("C:\\Mount\\a"), due(policy, table(1), T0));
    }

    @Test
    void theWaitIsCappedAtOneDay() {
        assertEquals(Duration.ofDays(1), AutoRemountPolicy.wait(Duration.ofHours(1), 900));
        assertEquals(Duration.ofMinutes(4), AutoRemountPolicy.wait(MINUTE, 3));
    }
}
