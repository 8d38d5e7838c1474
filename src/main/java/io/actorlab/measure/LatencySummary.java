package io.actorlab.measure;

/**
 * Percentiles of per-task latency (from submit to result), in nanoseconds.
 *
 * @param p50 median
 * @param p99 99th percentile
 * @param max the slowest task
 */
public record LatencySummary(long p50, long p99, long max) {

  /** No task was measured. */
  public static final LatencySummary NONE = new LatencySummary(0, 0, 0);
}
