package io.actorlab.report;

import io.actorlab.measure.RunReport;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * One mode at one worker count, summed up over its measured runs: medians, so that one disturbed run
 * moves nothing, and the extremes of wall time, so the spread shows.
 *
 * <p>Figures in nanoseconds and bytes, as in {@link RunReport}; a figure that was not measured is -1,
 * and one that cannot be computed (a speed-up without a baseline run) is {@code NaN}.
 *
 * @param cell the mode and worker count
 * @param baseline true for the cell every speed-up is measured against
 * @param runs measured runs (warm-ups left out)
 * @param wallMedian median wall time
 * @param wallMin fastest run
 * @param wallMax slowest run
 * @param speedup the baseline's median wall over this one's: 2.0 = twice as fast
 * @param cpuUtilisation median CPU time / wall / cores of the run's JVM (1.0 = every core busy)
 * @param efficiency speed-up per worker: 1.0 = every worker added its full share
 * @param startupMedian median start-up, from starting a pool to its first task running, over the runs
 *     that started a pool: the measured ones when any did, else the warm-ups (a pool kept across runs
 *     starts in the first run and no later run has a start-up of its own); -1 when no run started one
 * @param poolsStarted how many of the cell's runs, warm-ups included, started a pool: 1 when one pool
 *     served them all, one per run when each started its own
 * @param peakRss the highest peak resident set size any run reported
 * @param boundaryBytes median bytes serialized across the (real or simulated) process boundary
 * @param boundaryMessages median messages serialized
 * @param serializeMedian median time spent serializing and deserializing
 * @param serializeShare median share of wall time spent serializing and deserializing
 * @param checksum the checksum of its first complete run, or 0 when none completed
 * @param checksumMatches false when a complete run (warm-ups included) had another checksum than the
 *     comparison's reference
 * @param failedRuns runs (warm-ups included) in which some task failed
 */
public record ModeSummary(
    Comparison.Cell cell,
    boolean baseline,
    int runs,
    double wallMedian,
    long wallMin,
    long wallMax,
    double speedup,
    double cpuUtilisation,
    double efficiency,
    double startupMedian,
    int poolsStarted,
    long peakRss,
    double boundaryBytes,
    double boundaryMessages,
    double serializeMedian,
    double serializeShare,
    long checksum,
    boolean checksumMatches,
    int failedRuns) {

  static ModeSummary of(
      Comparison.Cell cell,
      boolean baseline,
      List<RunReport> measured,
      List<Comparison.Run> all,
      double baselineWall,
      OptionalLong reference,
      int cores) {
    double wall = median(measured, RunReport::wallNanos);
    double speedup = wall > 0 && baselineWall > 0 ? baselineWall / wall : Double.NaN;
    boolean cpuMeasured = !measured.isEmpty() && measured.stream().allMatch(r -> r.cpuNanos() >= 0);
    List<Comparison.Run> complete =
        all.stream().filter(Comparison.Run::succeeded).collect(Collectors.toList());
    List<RunReport> started =
        all.stream()
            .map(Comparison.Run::report)
            .filter(ModeSummary::startedPool)
            .collect(Collectors.toList());
    List<RunReport> measuredStarts =
        measured.stream().filter(ModeSummary::startedPool).collect(Collectors.toList());
    return new ModeSummary(
        cell,
        baseline,
        measured.size(),
        wall,
        measured.stream().mapToLong(RunReport::wallNanos).min().orElse(-1),
        measured.stream().mapToLong(RunReport::wallNanos).max().orElse(-1),
        speedup,
        cpuMeasured ? median(measured, r -> r.cpuUtilisation(cores)) : -1,
        speedup / cell.workers(),
        median(measuredStarts.isEmpty() ? started : measuredStarts, RunReport::startupNanos),
        started.size(),
        measured.stream().mapToLong(RunReport::peakRssBytes).max().orElse(-1),
        median(measured, r -> r.boundary().bytes()),
        median(measured, r -> r.boundary().messages()),
        median(measured, r -> r.boundary().serializeNanos() + r.boundary().deserializeNanos()),
        median(measured, RunReport::serializeShare),
        complete.isEmpty() ? 0 : complete.get(0).report().checksum(),
        reference.isEmpty()
            || complete.stream().allMatch(r -> r.report().checksum() == reference.getAsLong()),
        (int) all.stream().filter(run -> !run.succeeded()).count());
  }

  private static boolean startedPool(RunReport report) {
    return report.pool() != RunReport.Pool.REUSED;
  }

  /** The distinct checksums of this cell's complete runs, for the message that flags a mismatch. */
  static List<Long> checksums(List<Comparison.Run> all) {
    return all.stream()
        .filter(Comparison.Run::succeeded)
        .map(run -> run.report().checksum())
        .distinct()
        .collect(Collectors.toList());
  }

  /**
   * The median of a figure over runs: the middle one, or the mean of the two middle ones; -1 when
   * there are no runs or a run did not measure it (a negative figure).
   */
  static double median(List<RunReport> runs, ToDoubleFunction<RunReport> figure) {
    double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
    if (values.length == 0 || values[0] < 0) {
      return -1;
    }
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }
}
