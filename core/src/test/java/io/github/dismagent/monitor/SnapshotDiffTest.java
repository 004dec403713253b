package io.github.dismagent.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dismagent.dism.MountedImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The diff on its own, for the cases its shortcuts (same slot, nothing disappeared) must not get wrong. */
class SnapshotDiffTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(30);
    private static final int OK = 0;
    private static final int NEEDS_REMOUNT = 1;
    private static final int INVALID = 2;

    private static MountedImage row(String path, int status) {
        return new MountedImage(path, "D:\\images\\install.wim", 1, 0, status);
    }

    private static Snapshot read(Snapshot previous, Instant at, MountedImage... rows) {
        SnapshotDiff.Result diff = SnapshotDiff.between(previous, List.of(rows), at, Map.of());
        return diff.snapshot(at, "test");
    }

    private static List<String> changes(Snapshot previous, MountedImage... rows) {
        return SnapshotDiff.between(previous, List.of(rows), T1, Map.of()).changes().stream().map(StatusChange::describe).toList();
    }

    @Test
    void anUnchangedTableKeepsTheVeryObjects() {
        Snapshot first = read(Snapshot.initial("test"), T0, row("C:\\Mount\\a", OK), row("C:\\Mount\\b", NEEDS_REMOUNT));
        Snapshot second = read(first, T1, row("C:\\Mount\\a", OK), row("C:\\Mount\\b", NEEDS_REMOUNT));
        assertSame(first.images().get(0), second.images().get(0));
        assertSame(first.images().get(1), second.images().get(1));
        assertEquals(List.of(), changes(first, row("C:\\Mount\\a", OK), row("C:\\Mount\\b", NEEDS_REMOUNT)));
    }

    @Test
    void reorderedRowsAreMatchedByPathNotBySlot() {
        Snapshot first = read(Snapshot.initial("test"), T0, row("C:\\Mount\\a", OK), row("C:\\Mount\\b", NEEDS_REMOUNT));
        Snapshot second = read(first, T1, row("C:\\Mount\\b", NEEDS_REMOUNT), row("C:\\Mount\\a", OK));
        assertSame(first.images().get(0), second.images().get(1));
        assertSame(first.images().get(1), second.images().get(0));
        assertEquals(List.of("C:\\MOUNT\\B", "C:\\MOUNT\\A"), List.copyOf(second.byKey().keySet()), "byKey follows DISM's order");
    }

    @Test
    void anotherSpellingOfTheSamePathInTheSameSlotIsTheSameImage() {
        Snapshot first = read(Snapshot.initial("test"), T0, row("C:\\Mount\\a", NEEDS_REMOUNT));
        Snapshot second = read(first, T1, row("c:/mount/A\\", NEEDS_REMOUNT));
        MonitoredImage image = second.images().get(0);
        assertEquals("c:/mount/A\\", image.mountPath(), "the row as DISM returned it now");
        assertEquals(T0, image.statusSince(), "same status since the first read");
        assertEquals(List.of(), changes(first, row("c:/mount/A\\", NEEDS_REMOUNT)));
    }

    @Test
    void aPathReplacedInTheSameSlotIsOneDisappearedAndOneAppeared() {
        Snapshot first = read(Snapshot.initial("test"), T0, row("C:\\Mount\\a", OK), row("C:\\Mount\\b", OK));
        assertEquals(List.of("C:\\Mount\\c appeared (Invalid)", "C:\\Mount\\b disappeared (was Ok)"),
                changes(first, row("C:\\Mount\\a", OK), row("C:\\Mount\\c", INVALID)));
    }

    @Test
    void aStatusChangeRestartsStatusSince() {
        Snapshot first = read(Snapshot.initial("test"), T0, row("C:\\Mount\\a", OK));
        Snapshot second = read(first, T1, row("C:\\Mount\\a", NEEDS_REMOUNT));
        assertEquals(T1, second.images().get(0).statusSince());
        assertEquals(List.of("C:\\Mount\\a changed from Ok to NeedsRemount"), changes(first, row("C:\\Mount\\a", NEEDS_REMOUNT)));
    }

    @Test
    void aDuplicateRowIsShownWithoutHistoryOrEventsOfItsOwn() {
        Snapshot first = read(Snapshot.initial("test"), T0, row("C:\\Mount\\a", OK));
        MountedImage duplicate = row("C:\\MOUNT\\A", INVALID);
        Snapshot second = read(first, T1, row("C:\\Mount\\a", OK), duplicate);
        assertEquals(2, second.mountedCount());
        assertSame(first.images().get(0), second.byKey().get("C:\\MOUNT\\A"), "the first row wins the key");
        assertEquals(T1, second.images().get(1).statusSince());
        assertEquals(1, second.count(io.github.dismagent.dism.MountStatus.INVALID));
        assertEquals(List.of(), changes(first, row("C:\\Mount\\a", OK), duplicate));
    }

    @Test
    void aNullPathIsKeptAsOneImage() {
        Snapshot first = read(Snapshot.initial("test"), T0, row(null, OK));
        Snapshot second = read(first, T1, row(null, OK));
        assertSame(first.images().get(0), second.images().get(0));
        assertEquals("(none)", second.images().get(0).displayPath());
    }

    @Test
    void theRemountResultIsCarriedIntoTheNewState() {
        Snapshot first = read(Snapshot.initial("test"), T0, row("C:\\Mount\\a", NEEDS_REMOUNT));
        SnapshotDiff.Result diff = SnapshotDiff.between(first, List.of(row("C:\\Mount\\a", NEEDS_REMOUNT)), T1,
                Map.of("C:\\MOUNT\\A", "failed"));
        assertNotSame(first.images().get(0), diff.images().get(0));
        assertEquals("failed", diff.images().get(0).lastRemountResult());
        assertEquals(T0, diff.images().get(0).statusSince());
    }

    @Test
    void aLargeTableWithEveryStatusChangedReportsEveryChange() {
        List<MountedImage> before = new ArrayList<>();
        List<MountedImage> after = new ArrayList<>();
        IntStream.range(0, 10_000).forEach(i -> {
            before.add(row("C:\\Mount\\" + i, i % 3));
            after.add(row("C:\\Mount\\" + i, (i + 1) % 3));
        });
        Snapshot first = read(Snapshot.initial("test"), T0, before.toArray(MountedImage[]::new));
        SnapshotDiff.Result diff = SnapshotDiff.between(first, after, T1, Map.of());
        assertEquals(10_000, diff.changes().size());
        assertTrue(diff.changes().stream().allMatch(c -> c.kind() == StatusChange.Kind.CHANGED));
    }

    @Test
    void theLogShowsTwentyChangesThenASummary() {
        List<MountedImage> rows = IntStream.range(0, 25).mapToObj(i -> row("C:\\Mount\\" + i, OK)).toList();
        List<StatusChange> appeared = SnapshotDiff.between(Snapshot.initial("test"), rows, T0, Map.of()).changes();
        List<String> lines = ChangeLog.lines(appeared);
        assertEquals(ChangeLog.IN_FULL + 1, lines.size());
        assertEquals("C:\\Mount\\0 appeared (Ok)", lines.get(0));
        assertEquals("... and 5 more changes in this read (5 appeared); MountedImages shows every image", lines.get(ChangeLog.IN_FULL));
        assertEquals(List.of("C:\\Mount\\0 appeared (Ok)"), ChangeLog.lines(appeared.subList(0, 1)));
        assertEquals(List.of(), ChangeLog.lines(List.of()));
    }
}
