package io.github.dismagent.benchmarks;

import io.github.dismagent.dism.DismSession;
import io.github.dismagent.dism.DismSettings;
import io.github.dismagent.dism.MountedImage;
import io.github.dismagent.emulator.EmulatorState;
import io.github.dismagent.emulator.StateFileText;
import io.github.dismagent.monitor.DismMonitor;
import io.github.dismagent.monitor.MonitorSettings;
import io.github.dismagent.monitor.Snapshot;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading and diffing the mount table through the real binding (JNA, the packed array, UTF-16) on
 * the emulator, for 10, 1,000 and 100,000 images. Needs DISMAPI_EMULATOR_STATE and
 * jna.library.path (run.sh sets both).
 *
 * <ul>
 *   <li>{@code read}: {@code DismGetMountedImageInfo} and the copy into records, on the DISM thread;</li>
 *   <li>{@code refresh}: a monitor refresh (read, diff against the last snapshot, publish), the table unchanged;</li>
 *   <li>{@code refreshAllChanged}: the same with every image's status changed since the last read.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RefreshBenchmark {
    @Param({"10", "1000", "100000"})
    public int images;

    private EmulatorState state;
    private String tableA;
    private String tableB;
    private boolean showingA;
    private DismSession session;
    private DismMonitor monitor;

    @Setup(Level.Trial)
    public void start() throws Exception {
        state = EmulatorState.ofThisProcess();
        tableA = table(0);
        tableB = table(1);
        state.write(tableA);
        showingA = true;
        session = DismSession.open(DismSettings.defaults());
        monitor = DismMonitor.create(session, MonitorSettings.defaults().withRefreshInterval(Duration.ofDays(1))
                .withCallTimeout(Duration.ofMinutes(10))).start();
        monitor.refresh().get();
    }

    /** Every image gets another status in table B than in table A. */
    private String table(int shift) {
        StateFileText text = new StateFileText();
        String[] statuses = {"Ok", "NeedsRemount", "Invalid"};
        for (int i = 0; i < images; i++) {
            text.mount("C:\\Mount\\build-" + i + "\\windows-11-enterprise", "D:\\images\\build-" + i + "\\install.wim", i % 8 + 1,
                    i % 2 == 0 ? "ReadWrite" : "ReadOnly", statuses[(i + shift) % 3]);
        }
        return text.toString();
    }

    @Setup(Level.Invocation)
    public void flipTable(org.openjdk.jmh.infra.BenchmarkParams params) {
        if (params.getBenchmark().endsWith("refreshAllChanged")) {
            showingA = !showingA;
            state.write(showingA ? tableA : tableB);
        }
    }

    @Benchmark
    public List<MountedImage> read() throws Exception {
        return session.mountedImages();
    }

    @Benchmark
    public Snapshot refresh() throws Exception {
        return monitor.refresh().get();
    }

    @Benchmark
    public Snapshot refreshAllChanged() throws Exception {
        return monitor.refresh().get();
    }

    @TearDown(Level.Trial)
    public void stop() {
        monitor.close();
        session.close();
    }
}
