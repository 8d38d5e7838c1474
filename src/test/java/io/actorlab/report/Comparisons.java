package io.actorlab.report;

import io.actorlab.measure.BoundaryStats;
import io.actorlab.measure.LatencySummary;
import io.actorlab.measure.Machine;
import io.actorlab.measure.RunReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Hand-built comparisons whose summaries are worked out by hand in the tests. */
public final class Comparisons {

  /** The checksum every correct run has. */
  public static final long RIGHT = 541_760;

  /** A machine that is the same on every test machine. */
  public static final Machine MACHINE =
      new Machine(2, "17.0.15+6", "Debian", "Linux", "6.1.0", "amd64", "Test CPU", 24L << 30);

  private final List<Comparison.Run> runs = new ArrayList<>();
  private final List<Comparison.Skipped> skipped = new ArrayList<>();
  private int warmup;
  private String stoppedEarly = "";

  /** Starts an empty comparison. */
  public static Comparisons builder() {
    return new Comparisons();
  }

  /** Marks the first {@code rounds} rounds as warm-ups. */
  public Comparisons warmup(int rounds) {
    this.warmup = rounds;
    return this;
  }

  /** Adds a complete run: CPU half a core per worker, start-up 20 ms and RSS 100 MB + 10 MB per worker. */
  public Comparisons run(int round, String mode, int workers, double wallMs, long checksum) {
    return run(round, mode, workers, wallMs, checksum, 0, BoundaryStats.NONE);
  }

  /** Adds a run with failed tasks and what crossed the boundary. */
  public Comparisons run(
      int round,
      String mode,
      int workers,
      double wallMs,
      long checksum,
      long failed,
      BoundaryStats boundary) {
    return run(round, mode, workers, wallMs, checksum, failed, boundary, RunReport.Pool.STARTED,
        20_000_000L * workers); // start-up 20 ms per worker
  }

  /**
   * Adds a complete run whose pool was {@code pool}: started or restarted (with {@code startupMs} of
   * start-up), or reused (no start-up of its own).
   */
  public Comparisons run(
      int round, String mode, int workers, double wallMs, RunReport.Pool pool, double startupMs) {
    return run(round, mode, workers, wallMs, RIGHT, 0, BoundaryStats.NONE, pool,
        pool == RunReport.Pool.REUSED ? -1 : Math.round(startupMs * 1_000_000));
  }

  private Comparisons run(
      int round,
      String mode,
      int workers,
      double wallMs,
      long checksum,
      long failed,
      BoundaryStats boundary,
      RunReport.Pool pool,
      long startupNanos) {
    long wall = Math.round(wallMs * 1_000_000);
    RunReport report =
        new RunReport(
            mode,
            "primes",
            "",
            16,
            400_000,
            workers,
            16 - failed,
            failed,
            failed > 0 ? 0 : checksum,
            wall,
            wall * workers / 2, // cpu: half the machine per worker
            startupNanos,
            pool,
            (100L + 10L * workers) << 20,
            new LatencySummary(wall / 16, wall / 8, wall / 8),
            boundary,
            Map.of("primes_per_task", 33_860L));
    runs.add(new Comparison.Run(round, round <= warmup, new Comparison.Cell(mode, workers), report));
    return this;
  }

  /** Adds a skipped mode. */
  public Comparisons skipped(String mode, String reason) {
    skipped.add(new Comparison.Skipped(mode, reason));
    return this;
  }

  /** Marks the comparison as stopped early, e.g. "after 3 of 8 runs: interrupted". */
  public Comparisons stoppedEarly(String why) {
    this.stoppedEarly = why;
    return this;
  }

  /** The comparison; cells in the order their first run came. */
  public Comparison build() {
    LinkedHashSet<Comparison.Cell> cells = new LinkedHashSet<>();
    runs.forEach(run -> cells.add(run.cell()));
    int rounds = runs.stream().mapToInt(Comparison.Run::round).max().orElse(0);
    Comparison.Setup setup =
        new Comparison.Setup(
            "primes", "", 16, 400_000, warmup, rounds - warmup, List.copyOf(cells),
            "each mode in its own JVM");
    return new Comparison(
        setup,
        MACHINE,
        Instant.parse("2026-11-22T03:00:00Z"),
        12_000_000_000L,
        runs,
        skipped,
        stoppedEarly);
  }

  /**
   * Three modes over a warm-up and three rounds, interleaved, all right: sequential 1.4 s, gil 1.5 s,
   * threads 0.7 s (medians; the warm-up runs are slower and must not count).
   */
  public static Comparison threeModes() {
    Comparisons c = builder().warmup(1);
    c.run(1, "sequential", 1, 3000, RIGHT).run(1, "gil", 2, 3000, RIGHT).run(1, "threads", 2, 3000, RIGHT);
    c.run(2, "sequential", 1, 1400, RIGHT).run(2, "gil", 2, 1500, RIGHT).run(2, "threads", 2, 700, RIGHT);
    c.run(3, "sequential", 1, 1300, RIGHT).run(3, "gil", 2, 1450, RIGHT).run(3, "threads", 2, 650, RIGHT);
    c.run(4, "sequential", 1, 1500, RIGHT).run(4, "gil", 2, 1600, RIGHT).run(4, "threads", 2, 800, RIGHT);
    return c.skipped("virtual", "needs Java 21, this is Java 17").build();
  }
}
