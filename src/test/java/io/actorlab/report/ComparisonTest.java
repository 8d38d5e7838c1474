package io.actorlab.report;

import static io.actorlab.report.Comparisons.RIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.measure.BoundaryStats;
import io.actorlab.measure.RunReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a comparison sums up per mode, and the verdicts that decide compare's exit code. */
class ComparisonTest {

  private static ModeSummary summary(Comparison comparison, String mode) {
    return comparison.summaries().stream()
        .filter(s -> s.cell().mode().equals(mode))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void figuresAreMediansOfTheMeasuredRunsWarmupsLeftOut() {
    Comparison comparison = Comparisons.threeModes();

    ModeSummary threads = summary(comparison, "threads");
    assertEquals(3, threads.runs());
    assertEquals(700e6, threads.wallMedian(), 1);
    assertEquals(650_000_000, threads.wallMin());
    assertEquals(800_000_000, threads.wallMax()); // not the 3 s warm-up
    assertEquals(40e6, threads.startupMedian(), 1);
    assertEquals(120L << 20, threads.peakRss());
    assertEquals(0.5, threads.cpuUtilisation(), 1e-9); // 2 workers' worth of CPU on 2 cores
  }

  @Test
  void aPoolKeptAcrossRunsShowsItsColdStartOnceNotAMedianWithRunsThatHadNone() {
    Comparison kept =
        Comparisons.builder()
            .warmup(1)
            .run(1, "processes", 2, 900, RunReport.Pool.STARTED, 2000)
            .run(2, "processes", 2, 600, RunReport.Pool.REUSED, 0)
            .run(3, "processes", 2, 620, RunReport.Pool.REUSED, 0)
            .run(4, "processes", 2, 610, RunReport.Pool.REUSED, 0)
            .build();

    ModeSummary processes = summary(kept, "processes");
    assertEquals(2000e6, processes.startupMedian(), 1); // the warm-up's cold start, the only one
    assertEquals(1, processes.poolsStarted());
    assertEquals(610e6, processes.wallMedian(), 1); // the warm runs
  }

  @Test
  void freshPoolsEveryRunShowTheMedianStartUpOfTheMeasuredRuns() {
    Comparison fresh =
        Comparisons.builder()
            .warmup(1)
            .run(1, "processes", 2, 900, RunReport.Pool.STARTED, 2000)
            .run(2, "processes", 2, 800, RunReport.Pool.STARTED, 1500)
            .run(3, "processes", 2, 820, RunReport.Pool.STARTED, 1700)
            .build();

    ModeSummary processes = summary(fresh, "processes");
    assertEquals(1600e6, processes.startupMedian(), 1); // the warm-up's cold start left out
    assertEquals(3, processes.poolsStarted());
  }

  @Test
  void aRestartedPoolCountsAsAStartAmongTheMeasuredRuns() {
    Comparison restarted =
        Comparisons.builder()
            .warmup(1)
            .run(1, "processes", 2, 900, RunReport.Pool.STARTED, 2000)
            .run(2, "processes", 2, 600, RunReport.Pool.REUSED, 0)
            .run(3, "processes", 2, 700, RunReport.Pool.RESTARTED, 1200)
            .build();

    ModeSummary processes = summary(restarted, "processes");
    assertEquals(1200e6, processes.startupMedian(), 1);
    assertEquals(2, processes.poolsStarted());
  }

  @Test
  void speedupIsAgainstSequentialAndEfficiencyIsPerWorker() {
    Comparison comparison = Comparisons.threeModes();

    assertEquals(new Comparison.Cell("sequential", 1), comparison.baseline());
    assertEquals(1.0, summary(comparison, "sequential").speedup(), 1e-9);
    assertEquals(2.0, summary(comparison, "threads").speedup(), 1e-9); // 1400 / 700
    assertEquals(1.0, summary(comparison, "threads").efficiency(), 1e-9); // 2.0 over 2 workers
    assertEquals(1400.0 / 1500, summary(comparison, "gil").speedup(), 1e-9);
    assertTrue(summary(comparison, "sequential").baseline());
    assertFalse(summary(comparison, "threads").baseline());
  }

  @Test
  void sequentialIsTheBaselineWhereverItIsElseTheFirstMode() {
    Comparison late =
        Comparisons.builder().run(1, "threads", 2, 500, RIGHT).run(1, "sequential", 1, 1000, RIGHT).build();
    Comparison without =
        Comparisons.builder().run(1, "gil", 2, 1000, RIGHT).run(1, "threads", 2, 500, RIGHT).build();

    assertEquals("sequential", late.baseline().mode());
    assertEquals(2.0, summary(late, "threads").speedup(), 1e-9);
    assertEquals(new Comparison.Cell("gil", 2), without.baseline());
    assertEquals(2.0, summary(without, "threads").speedup(), 1e-9);
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    Comparison comparison =
        Comparisons.builder()
            .run(1, "threads", 2, 100, RIGHT)
            .run(2, "threads", 2, 400, RIGHT)
            .run(3, "threads", 2, 200, RIGHT)
            .run(4, "threads", 2, 300, RIGHT)
            .build();

    assertEquals(250e6, summary(comparison, "threads").wallMedian(), 1);
  }

  @Test
  void everyChecksumEqualMeansMatch() {
    Comparison comparison = Comparisons.threeModes();

    assertTrue(comparison.checksumsMatch());
    assertEquals(RIGHT, comparison.referenceChecksum().getAsLong());
    assertTrue(comparison.mismatches().isEmpty());
    assertTrue(ComparisonTable.mismatchLines(comparison).isEmpty());
    assertFalse(comparison.tasksFailed());
  }

  @Test
  void aModeWithAnotherChecksumIsAMismatchNamedLoudly() {
    Comparison comparison =
        Comparisons.builder()
            .run(1, "sequential", 1, 1000, RIGHT)
            .run(1, "threads", 2, 500, RIGHT + 7)
            .run(2, "sequential", 1, 1000, RIGHT)
            .run(2, "threads", 2, 500, RIGHT)
            .build();

    assertFalse(comparison.checksumsMatch());
    assertEquals(List.of(new Comparison.Cell("threads", 2)), comparison.mismatches());
    assertFalse(summary(comparison, "threads").checksumMatches());
    assertTrue(summary(comparison, "sequential").checksumMatches());
    List<String> loud = ComparisonTable.mismatchLines(comparison);
    assertTrue(loud.get(0).startsWith("!! CHECKSUM MISMATCH"), loud::toString);
    assertTrue(loud.get(1).contains("threads x2 computed " + (RIGHT + 7) + ", then " + RIGHT), loud::toString);
    String table = ComparisonTable.render(comparison);
    assertTrue(table.contains("MISMATCH"), table);
  }

  @Test
  void aWrongAnswerInAWarmupRoundStillCounts() {
    Comparison comparison =
        Comparisons.builder()
            .warmup(1)
            .run(1, "sequential", 1, 1000, RIGHT)
            .run(1, "gil", 2, 1000, 1)
            .run(2, "sequential", 1, 1000, RIGHT)
            .run(2, "gil", 2, 1000, RIGHT)
            .build();

    assertFalse(comparison.checksumsMatch());
    assertEquals(List.of(new Comparison.Cell("gil", 2)), comparison.mismatches());
  }

  @Test
  void theBaselineDecidesWhichAnswerIsRightEvenWhenOutnumbered() {
    Comparison comparison =
        Comparisons.builder()
            .run(1, "gil", 2, 1000, 2)
            .run(1, "threads", 2, 1000, 2)
            .run(1, "sequential", 1, 1000, RIGHT)
            .build();

    assertEquals(RIGHT, comparison.referenceChecksum().getAsLong());
    assertEquals(
        List.of(new Comparison.Cell("gil", 2), new Comparison.Cell("threads", 2)),
        comparison.mismatches());
  }

  @Test
  void failedTasksAreAFailureNotAMismatch() {
    Comparison comparison =
        Comparisons.builder()
            .run(1, "sequential", 1, 1000, RIGHT)
            .run(1, "threads", 2, 500, RIGHT, 3, BoundaryStats.NONE)
            .build();

    assertTrue(comparison.checksumsMatch()); // a run with failed tasks has no checksum to compare
    assertTrue(comparison.tasksFailed());
    assertEquals(1, summary(comparison, "threads").failedRuns());
    String table = ComparisonTable.render(comparison);
    assertTrue(table.contains("FAILED in 1 run"), table);
    assertTrue(table.contains("TASKS FAILED in threads x2"), table);
  }

  @Test
  void aComparisonStoppedEarlySaysSoInTheTableOnStderrAndInTheJson() {
    String why = "after 3 of 8 runs: the JVM running threads x2 failed: it exited before answering";
    Comparison stopped =
        Comparisons.builder()
            .run(1, "sequential", 1, 1000, RIGHT)
            .run(1, "threads", 2, 500, RIGHT)
            .stoppedEarly(why)
            .build();
    Comparison whole = Comparisons.threeModes();

    List<String> loud =
        List.of(
            "!! STOPPED EARLY " + why,
            "!!   the figures are over the runs measured before it stopped");
    assertFalse(stopped.complete());
    assertEquals(loud, ComparisonTable.render(stopped).lines().toList().subList(2, 4));
    assertEquals(loud, ComparisonTable.loudLines(stopped));
    assertEquals(why, ComparisonJson.toNode(stopped).get("stopped_early").asText());
    assertTrue(whole.complete());
    assertTrue(ComparisonTable.loudLines(whole).isEmpty());
    assertFalse(ComparisonTable.render(whole).contains("STOPPED EARLY"));
    assertTrue(ComparisonJson.toNode(whole).get("stopped_early").isNull());
  }

  @Test
  void tableHasOneRowPerModeWithItsFigures() {
    Comparison comparison =
        Comparisons.builder()
            .run(1, "sequential", 1, 1400, RIGHT)
            .run(1, "serialize-local", 2, 700, RIGHT, 0, Reports.boundary(32, 936, 5_000_000, 2_000_000))
            .skipped("virtual", "needs Java 21, this is Java 17")
            .build();

    List<String> lines = ComparisonTable.render(comparison).lines().toList();
    assertTrue(lines.get(0).startsWith("primes, 16 tasks, size 400,000: 1 round, modes interleaved"), lines.get(0));
    assertTrue(lines.get(1).startsWith("2 cores (Test CPU), Java 17.0.15+6, Linux"), lines.get(1));
    assertTrue(lines.get(3).matches("mode\\s+workers\\s+wall\\s+min-max\\s+speed-up.*checksum"), lines.get(3));
    assertTrue(
        lines.get(4).matches("sequential\\s+1\\s+1\\.40 s\\s+1\\.40-1\\.40 s\\s+1\\.00x\\s+25%\\s+100%.*\\s+-\\s+-\\s+ok"),
        lines.get(4));
    // 7 ms of 700 ms serializing: 1.0%; 936 bytes crossed.
    assertTrue(
        lines.get(5).matches("serialize-local\\s+2\\s+700 ms\\s+700-700 ms\\s+2\\.00x.*936 B\\s+1\\.0%\\s+ok"),
        lines.get(5));
    assertTrue(lines.contains("skipped virtual: needs Java 21, this is Java 17"), lines::toString);
  }

  @Test
  void rangeKeepsOneUnitWhenBothEndsShareIt() {
    assertEquals("1.38-1.41 s", ComparisonTable.range(1_380_000_000, 1_410_000_000));
    assertEquals("980 ms-1.02 s", ComparisonTable.range(980_000_000, 1_020_000_000));
    assertEquals("n/a", ComparisonTable.range(-1, 5));
  }
}
