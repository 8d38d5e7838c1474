package io.actorlab.measure;

import java.util.Map;

/**
 * What every JVM of a worker pool has used so far, summed: one JVM for the in-JVM modes, the
 * coordinator and every worker for the processes modes.
 *
 * @param cpuNanos process CPU time of all the pool's JVMs
 * @param peakRssBytes the sum of their peak resident set sizes
 * @param boundary what crossed their boundaries, counted where it was sent
 * @param peakRssByNode each JVM's peak resident set size, by node name, in a stable order
 */
public record PoolUsage(
    long cpuNanos, long peakRssBytes, BoundaryStats boundary, Map<String, Long> peakRssByNode) {

  /** The usage of this JVM alone. */
  public static PoolUsage thisJvm(BoundaryStats boundary) {
    long peak = ProcessMetrics.peakRssBytes();
    return new PoolUsage(ProcessMetrics.cpuNanos(), peak, boundary, Map.of("this JVM", peak));
  }
}
