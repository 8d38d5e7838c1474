package io.actorlab.measure;

import java.util.Map;

/**
 * Everything measured in one run of one workload under one mode. Every mode fills it the same way, so
 * runs compare fairly.
 *
 * @param mode the execution mode's name
 * @param workload the workload's name
 * @param variant the workload variant, or "" when it has none
 * @param tasks tasks submitted
 * @param size the workload's size knob
 * @param workers workers (threads or processes) the mode used
 * @param completed tasks that returned a result
 * @param failed tasks that threw
 * @param checksum the workload's digest of the results
 * @param wallNanos from the first submit until the last result
 * @param cpuNanos CPU time of every JVM of the pool (all threads) spent in that interval, or -1 when the platform cannot
 *     measure it ({@link ProcessMetrics#UNAVAILABLE})
 * @param startupNanos from mode start until the first task began to run
 * @param peakRssBytes the sum of the peak resident set sizes of every JVM of the pool, or -1 when the platform cannot measure it
 *     ({@link ProcessMetrics#UNAVAILABLE})
 * @param latency per-task latency percentiles
 * @param boundary what crossed the boundary ({@link BoundaryStats#NONE} when nothing did)
 * @param details workload-specific figures
 */
public record RunReport(
    String mode,
    String workload,
    String variant,
    int tasks,
    long size,
    int workers,
    long completed,
    long failed,
    long checksum,
    long wallNanos,
    long cpuNanos,
    long startupNanos,
    long peakRssBytes,
    LatencySummary latency,
    BoundaryStats boundary,
    Map<String, Object> details) {

  /** CPU time over wall time over available cores: 1.0 means every core was busy the whole run. */
  public double cpuUtilisation(int cores) {
    return wallNanos == 0 ? 0 : (double) cpuNanos / wallNanos / cores;
  }

  /**
   * The share of wall time spent serializing and deserializing at the boundary: 0.05 means 5%. It is 0
   * when nothing crossed. Summed over JVMs it can exceed 1, as CPU time can exceed wall time.
   */
  public double serializeShare() {
    long nanos = boundary.serializeNanos() + boundary.deserializeNanos();
    return wallNanos <= 0 || nanos <= 0 ? 0 : (double) nanos / wallNanos;
  }
}
