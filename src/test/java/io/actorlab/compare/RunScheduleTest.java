package io.actorlab.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.measure.BoundaryStats;
import io.actorlab.measure.LatencySummary;
import io.actorlab.measure.RunReport;
import io.actorlab.report.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs are interleaved, a b c a b c, warm-ups first, and the comparer runs them in that order; a failed
 * run ends the comparison with what was measured before it.
 */
class RunScheduleTest {

  private static final Comparison.Cell A = new Comparison.Cell("a", 1);
  private static final Comparison.Cell B = new Comparison.Cell("b", 2);
  private static final Comparison.Cell C = new Comparison.Cell("c", 2);

  private static String order(List<RunSchedule.Slot> slots) {
    return slots.stream()
        .map(slot -> slot.cell().mode() + (slot.warmup() ? "'" : ""))
        .collect(Collectors.joining(" "));
  }

  @Test
  void roundsInterleaveTheModes() {
    List<RunSchedule.Slot> slots = RunSchedule.interleaved(List.of(A, B, C), 0, 2);

    assertEquals("a b c a b c", order(slots));
    assertEquals(List.of(1, 1, 1, 2, 2, 2), slots.stream().map(RunSchedule.Slot::round).toList());
  }

  @Test
  void warmupRoundsComeFirstAndAreMarked() {
    assertEquals("a' b' c' a b c a b c", order(RunSchedule.interleaved(List.of(A, B, C), 1, 2)));
  }

  @Test
  void nothingToRunIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RunSchedule.interleaved(List.of(), 1, 3));
    assertThrows(IllegalArgumentException.class, () -> RunSchedule.interleaved(List.of(A), 0, 0));
  }

  @Test
  void theComparerRunsTheScheduleInOrderAndKeepsEveryRun() {
    List<String> asked = new ArrayList<>();
    Comparer.CellRunner recorder =
        new Comparer.CellRunner() {
          @Override
          public RunReport run(Comparison.Cell cell) {
            asked.add(cell.mode());
            return report(cell, 7);
          }

          @Override
          public void close() {}
        };
    Comparison.Setup setup = setup(1, 2);
    List<Integer> heard = new ArrayList<>();

    Comparison comparison =
        new Comparer(setup, List.of()).compare(recorder, (done, total, slot, r) -> heard.add(done));

    assertEquals(List.of("a", "b", "c", "a", "b", "c", "a", "b", "c"), asked);
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), heard);
    assertEquals(9, comparison.runs().size());
    assertEquals(3, comparison.runs().stream().filter(Comparison.Run::warmup).count());
    assertEquals(List.of(2, 2, 2), comparison.summaries().stream().map(s -> s.runs()).toList());
  }

  @Test
  void aRunOfAnotherModeThanAskedIsAnError() {
    Comparer.CellRunner wrong =
        new Comparer.CellRunner() {
          @Override
          public RunReport run(Comparison.Cell cell) {
            return report(new Comparison.Cell("other", cell.workers()), 7);
          }

          @Override
          public void close() {}
        };

    assertThrows(
        IllegalStateException.class,
        () -> new Comparer(setup(0, 1), List.of()).compare(wrong, Comparer.Listener.NONE));
  }

  /** Answers each run until run {@code failAt} (1-based), which throws as a dead child JVM does. */
  private static Comparer.CellRunner failingAt(int failAt) {
    return new Comparer.CellRunner() {
      private int runs;

      @Override
      public RunReport run(Comparison.Cell cell) {
        if (++runs == failAt) {
          throw new IllegalStateException("the JVM running " + cell.label() + " died");
        }
        return report(cell, 7);
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void aFailedRunEndsTheComparisonWithTheRunsMeasuredBeforeIt() {
    // a' b' c' | a b c | a b c: the 6th run (c of the first measured round) fails
    Comparison comparison =
        new Comparer(setup(1, 2), List.of()).compare(failingAt(6), Comparer.Listener.NONE);

    assertFalse(comparison.complete());
    assertEquals("after 5 of 9 runs: the JVM running c x2 died", comparison.stoppedEarly());
    assertEquals(5, comparison.runs().size());
    assertEquals(List.of(A, B), comparison.setup().cells(), "only cells with a measured run are shown");
    assertEquals(
        List.of(new Comparison.Skipped("c x2", "not measured: the comparison stopped early")),
        comparison.skipped());
    assertEquals(List.of(1, 1), comparison.summaries().stream().map(s -> s.runs()).toList());
  }

  @Test
  void aFailureBeforeAnyMeasuredRunIsThrown() {
    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class,
            () -> new Comparer(setup(1, 2), List.of()).compare(failingAt(3), Comparer.Listener.NONE));
    assertEquals("the JVM running c x2 died", failure.getMessage());
  }

  @Test
  void theRunsSoFarCanBeTakenWhileTheComparisonRuns() {
    Comparer comparer = new Comparer(setup(0, 2), List.of());
    List<Comparison> taken = new ArrayList<>();

    Comparison whole =
        comparer.compare(
            failingAt(0),
            (done, total, slot, r) -> comparer.soFar("interrupted").ifPresent(taken::add));

    assertTrue(whole.complete());
    assertEquals(6, taken.size());
    assertEquals("after 1 of 6 runs: interrupted", taken.get(0).stoppedEarly());
    assertEquals(List.of(A), taken.get(0).setup().cells());
    assertEquals(List.of(A, B, C), taken.get(2).setup().cells());
    assertTrue(taken.get(5).complete(), "once every run ran, nothing stopped early");
    assertEquals(6, taken.get(5).runs().size());
    assertTrue(new Comparer(setup(0, 1), List.of()).soFar("interrupted").isEmpty());
  }

  private static Comparison.Setup setup(int warmup, int repeat) {
    return new Comparison.Setup("primes", "", 2, 1000, warmup, repeat, List.of(A, B, C), "test");
  }

  static RunReport report(Comparison.Cell cell, long checksum) {
    return new RunReport(
        cell.mode(), "primes", "", 2, 1000, cell.workers(), 2, 0, checksum, 1_000_000, 1_000_000,
        100_000, RunReport.Pool.STARTED, 1 << 20, LatencySummary.NONE, BoundaryStats.NONE, Map.of());
  }
}
