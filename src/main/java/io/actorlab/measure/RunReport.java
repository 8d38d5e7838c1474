package io.actorlab.measure;

import java.util.Locale;
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
 * @param startupNanos from mode start until the first task began to run, or -1 when the run had no
 *     start-up of its own (its pool was {@link Pool#REUSED})
 * @param pool whether the run started its pool or reused one an earlier run started
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
    Pool pool,
    long peakRssBytes,
    LatencySummary latency,
    BoundaryStats boundary,
    Map<String, Object> details) {

  /**
   * Where a run's pool came from. Only a run that started a pool has a start-up; its workers, and under
   * {@code processes} its worker JVMs, are then as cold as that pool is new.
   */
  public enum Pool {
    /** The run started its own pool: its start-up is that pool's. */
    STARTED,
    /** The run used a pool an earlier run started and left running: no start-up of its own. */
    REUSED,
    /**
     * The pool kept from an earlier run was broken (a worker JVM gone and not replaced, say), so the
     * run started a new one; its start-up is the new pool's, and its details say what was broken.
     */
    RESTARTED;

    /** The name reports use: {@code started}, {@code reused} or {@code restarted}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The pool use of a {@link #label()}. */
    public static Pool ofLabel(String label) {
      for (Pool pool : values()) {
        if (pool.label().equals(label)) {
          return pool;
        }
      }
      throw new IllegalArgumentException(
          "a run's pool is started, reused or restarted, not '" + label + "'");
    }
  }

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
