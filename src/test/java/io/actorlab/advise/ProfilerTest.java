package io.actorlab.advise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.actorlab.measure.BoundaryStats;
import io.actorlab.measure.LatencySummary;
import io.actorlab.measure.RunReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a mode's sample is read from its pools' cold and warm runs, on hand-built reports. */
class ProfilerTest {

  private static final long RIGHT = 42;
  private static final long MS = 1_000_000;
  private static final int TASKS = 4;

  /** A sample run of 4 tasks that serialized {@code serializeMs} each way in all. */
  private static RunReport run(long wallMs, long startupMs, double serializeMs, long checksum, long failed) {
    BoundaryStats boundary =
        serializeMs == 0
            ? BoundaryStats.NONE
            : BoundaryStats.of(
                "io.example.Input",
                new BoundaryStats.Traffic(
                    TASKS, 100, (long) (serializeMs * MS), TASKS, 100, (long) (serializeMs * MS)));
    return new RunReport(
        "processes", "primes", "", TASKS, 1000, 1, TASKS - failed, failed, checksum, wallMs * MS, -1,
        startupMs < 0 ? -1 : startupMs * MS,
        startupMs < 0 ? RunReport.Pool.REUSED : RunReport.Pool.STARTED,
        -1, LatencySummary.NONE, boundary, Map.of());
  }

  private static final RunReport SEQUENTIAL = run(100, 1, 0, RIGHT, 0);

  private static Profile.ModeSample sample(List<RunReport> colds, List<RunReport> warms) {
    return sample(colds, warms, List.of());
  }

  private static Profile.ModeSample sample(
      List<RunReport> colds, List<RunReport> warms, List<RunReport> pairs) {
    return Profiler.sample(
        "processes", new Profiler.Runs(colds, warms, pairs), SEQUENTIAL, TASKS, false, false, 1);
  }

  @Test
  void aNewPoolsSlowerFirstRunIsAOneOffWarmUpNotAnOverheadOnEveryTask() {
    // Two pools: their first runs pay a new worker JVM's class loading and JIT (8 ms of serializing
    // in all), their second runs are warm (0.2 ms).
    Profile.ModeSample sample =
        sample(
            List.of(run(300, 900, 4, RIGHT, 0), run(260, 800, 4, RIGHT, 0)),
            List.of(run(120, -1, 0.1, RIGHT, 0), run(110, -1, 0.1, RIGHT, 0)));

    assertEquals(800 * MS, sample.startupNanos()); // the least start-up of the pools
    assertEquals((260 - 110) * MS, sample.warmupNanos()); // fastest first run over fastest warm one
    assertEquals(110 * MS, sample.wallNanos());
    assertEquals((110 - 100) * MS / (double) TASKS, sample.overheadNanos(), 1); // from the warm run
    assertEquals(0.2 * MS / TASKS, sample.serializeNanos(), 1);
    assertEquals(100.0 / TASKS, sample.bytes(), 1e-9);
  }

  @Test
  void aWarmRunSlowerThanTheFirstIsNoWarmUp() {
    Profile.ModeSample sample = sample(List.of(run(100, 50, 0, RIGHT, 0)), List.of(run(130, -1, 0, RIGHT, 0)));

    assertEquals(0, sample.warmupNanos());
    assertEquals(50 * MS, sample.startupNanos());
  }

  @Test
  void aWrongAnswerOrAFailureInAnyRunShows() {
    Profile.ModeSample wrongWhenCold =
        sample(List.of(run(300, 900, 0, RIGHT + 1, 0)), List.of(run(120, -1, 0, RIGHT, 0)));
    Profile.ModeSample failedWhenWarm =
        sample(List.of(run(300, 900, 0, RIGHT, 0)), List.of(run(120, -1, 0, RIGHT, 2)));

    assertEquals(RIGHT + 1, wrongWhenCold.checksum());
    assertEquals(0, wrongWhenCold.failed());
    assertEquals(RIGHT, failedWhenWarm.checksum());
    assertEquals(2, failedWhenWarm.failed());
  }

  @Test
  void whatEachMoreWorkerAddsIsThePairsLeastStartUpBeyondTheOnesLeast() {
    List<RunReport> colds = List.of(run(300, 900, 0, RIGHT, 0), run(260, 800, 0, RIGHT, 0));
    List<RunReport> warms = List.of(run(110, -1, 0, RIGHT, 0));

    assertEquals(
        (1300 - 800) * MS,
        sample(colds, warms, List.of(run(150, 1300, 0, RIGHT, 0))).startupPerWorkerNanos());
    // Two that started sooner than one (a quieter moment): nothing added, never a saving.
    assertEquals(0, sample(colds, warms, List.of(run(150, 700, 0, RIGHT, 0))).startupPerWorkerNanos());
    assertEquals(0, sample(colds, warms).startupPerWorkerNanos()); // no pool of two: in one JVM
    // The pool of two ran the sample too: its failures and its answer count.
    Profile.ModeSample failedInPair = sample(colds, warms, List.of(run(150, 1300, 0, RIGHT + 1, 1)));
    assertEquals(1, failedInPair.failed());
    assertEquals(RIGHT + 1, failedInPair.checksum());
  }

  @Test
  void aPoolWhoseFirstRunFailedHasNoWarmRunAndShowsTheFailures() {
    Profile.ModeSample sample = sample(List.of(run(300, 900, 0, 0, 3)), List.of());

    assertEquals(3, sample.failed());
    assertEquals(300 * MS, sample.wallNanos());
    assertEquals(0, sample.warmupNanos());
  }
}
