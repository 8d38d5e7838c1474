package io.actorlab.report;

import io.actorlab.measure.Machine;
import io.actorlab.measure.RunReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * One workload under several modes (and worker counts), run in rounds: every run as it came, and per
 * mode the summary the reports show. The verdicts that decide the exit code of {@code actorlab compare}
 * live here too: {@link #checksumsMatch()} and {@link #tasksFailed()}.
 *
 * <p>Which mode is the baseline: {@code sequential} when it was run, else the first mode. Which
 * checksum is right: the baseline's first run that completed every task (else the first such run of
 * any mode). Warm-up runs are left out of every figure but not out of the verdicts: a wrong answer in a
 * warm-up is still a wrong answer.
 *
 * @param setup what was run
 * @param machine where it ran
 * @param started when the first run started
 * @param elapsedNanos from the first run's start to the last one's end, JVM starts included
 * @param runs every run, in the order they ran
 * @param skipped modes asked for (or chosen by default) that were not run, and why
 * @param stoppedEarly "" when every run of the schedule ran; else after how many runs the comparison
 *     ended and why, e.g. "after 3 of 8 runs: the JVM running threads x2 failed: ...": the figures are
 *     then over the runs it measured
 */
public record Comparison(
    Setup setup,
    Machine machine,
    Instant started,
    long elapsedNanos,
    List<Run> runs,
    List<Skipped> skipped,
    String stoppedEarly) {

  /** The name of the mode every speed-up is measured against, when it is among the modes. */
  public static final String BASELINE_MODE = "sequential";

  /** Copies the lists. */
  public Comparison {
    runs = List.copyOf(runs);
    skipped = List.copyOf(skipped);
    Objects.requireNonNull(stoppedEarly, "stoppedEarly");
  }

  /** True when every run of the schedule ran. */
  public boolean complete() {
    return stoppedEarly.isEmpty();
  }

  /**
   * What was compared.
   *
   * @param workload the workload's name
   * @param variant its variant, or ""
   * @param tasks tasks per run
   * @param size the workload's size knob
   * @param warmup warm-up rounds, run first and not reported
   * @param repeat measured rounds
   * @param cells the mode and worker-count pairs, in the order each round runs them
   * @param isolation how runs were kept apart, in words, e.g. "each mode in its own JVM"
   */
  public record Setup(
      String workload,
      String variant,
      int tasks,
      long size,
      int warmup,
      int repeat,
      List<Cell> cells,
      String isolation) {

    /** Copies the list. */
    public Setup {
      cells = List.copyOf(cells);
    }
  }

  /**
   * One mode at one worker count: one column of a round.
   *
   * @param mode the mode's name
   * @param workers the threads or processes that run tasks: 1 for a mode that runs them on the caller
   */
  public record Cell(String mode, int workers) {

    /** E.g. {@code threads x2}. */
    public String label() {
      return mode + " x" + workers;
    }
  }

  /**
   * One run.
   *
   * @param round 1 for the first round; warm-up rounds come first
   * @param warmup true for a warm-up run, which no figure includes
   * @param cell the mode and worker count it ran
   * @param report what it measured
   */
  public record Run(int round, boolean warmup, Cell cell, RunReport report) {

    /** True when every task completed, so the checksum means something. */
    public boolean succeeded() {
      return report.failed() == 0;
    }
  }

  /**
   * A mode that was not run.
   *
   * @param mode its name
   * @param reason why, in words
   */
  public record Skipped(String mode, String reason) {}

  /** The summary of each cell, in the order of {@link Setup#cells()}. */
  public List<ModeSummary> summaries() {
    Cell baseline = baseline();
    OptionalLong reference = referenceChecksum();
    List<RunReport> baselineRuns = measured(baseline);
    double baselineWall = ModeSummary.median(baselineRuns, RunReport::wallNanos);
    List<ModeSummary> summaries = new ArrayList<>();
    for (Cell cell : setup.cells()) {
      List<Run> all = runsOf(cell);
      summaries.add(
          ModeSummary.of(
              cell,
              cell.equals(baseline),
              measured(cell),
              all,
              baselineWall,
              reference,
              machine.cores()));
    }
    return summaries;
  }

  /** The cell speed-ups are measured against: the first sequential cell, else the first cell. */
  public Cell baseline() {
    return setup.cells().stream()
        .filter(cell -> cell.mode().equals(BASELINE_MODE))
        .findFirst()
        .orElse(setup.cells().get(0));
  }

  /**
   * The checksum every run should have: the baseline's first complete run's, else the first complete
   * run's; empty when no run completed every task.
   */
  public OptionalLong referenceChecksum() {
    Cell baseline = baseline();
    return runs.stream()
        .filter(Run::succeeded)
        .sorted((a, b) -> Boolean.compare(!a.cell().equals(baseline), !b.cell().equals(baseline)))
        .mapToLong(run -> run.report().checksum())
        .findFirst();
  }

  /** True when every run that completed every task has the reference checksum. */
  public boolean checksumsMatch() {
    OptionalLong reference = referenceChecksum();
    return reference.isEmpty()
        || runs.stream()
            .filter(Run::succeeded)
            .allMatch(run -> run.report().checksum() == reference.getAsLong());
  }

  /** The cells with a run whose checksum differs from the reference. */
  public List<Cell> mismatches() {
    return summaries().stream()
        .filter(summary -> !summary.checksumMatches())
        .map(ModeSummary::cell)
        .collect(Collectors.toList());
  }

  /** True when some task failed in some run (warm-ups included). */
  public boolean tasksFailed() {
    return runs.stream().anyMatch(run -> !run.succeeded());
  }

  /** The distinct worker counts, in the order first run. */
  public List<Integer> workerCounts() {
    return setup.cells().stream().map(Cell::workers).distinct().collect(Collectors.toList());
  }

  /** Every run of this cell, warm-ups included. */
  public List<Run> runsOf(Cell cell) {
    return runs.stream()
        .filter(run -> run.cell().equals(cell))
        .collect(Collectors.toList());
  }

  private List<RunReport> measured(Cell cell) {
    return runs.stream()
        .filter(run -> !run.warmup() && Objects.equals(run.cell(), cell))
        .map(Run::report)
        .collect(Collectors.toList());
  }
}
