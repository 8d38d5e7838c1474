package io.actorlab.advise;

import java.util.List;

/**
 * What a short sample of a workload measured: the figures {@link Advisor} reasons from. Times in
 * nanoseconds, sizes in bytes, all per task unless said.
 *
 * @param workload the workload's name
 * @param variant its variant, or ""
 * @param size the size knob the sample and the full run share
 * @param tasks tasks of the full run the advice is for
 * @param sampleTasks tasks in each sample run
 * @param cores cores of this machine
 * @param loadAverage the system load average over the last minute as the sample ended (runnable
 *     threads of every program, the sample's own included), or negative when the OS gives none
 * @param javaFeature this JVM's feature release
 * @param taskNanos time of one task on its own: the sequential sample's wall, less the time its thread
 *     waited for a core while other programs ran (Linux), over its tasks
 * @param cpuFraction CPU time over that time: 1.0 = the task computes all the time, near 0 = it
 *     waits
 * @param checksum the sequential sample's checksum, which every mode's sample must match
 * @param modes what each mode's sample, on one worker, measured
 */
public record Profile(
    String workload,
    String variant,
    long size,
    int tasks,
    int sampleTasks,
    int cores,
    double loadAverage,
    int javaFeature,
    double taskNanos,
    double cpuFraction,
    long checksum,
    List<ModeSample> modes) {

  /** Copies the list. */
  public Profile {
    modes = List.copyOf(modes);
  }

  /**
   * One mode's sample, on one worker.
   *
   * @param mode the mode's name
   * @param callerRuns true when the mode runs tasks on the caller (no parallelism at all)
   * @param gil true when tasks hold one global lock while they compute
   * @param tasksPerWorker tasks one worker runs at once: a worker JVM's worker actors ({@code
   *     actorlab.cluster.workers-per-node}) in a mode that spawns them, else 1. The sample itself ran
   *     one task at a time
   * @param wallNanos the sample's wall time, on a warm pool
   * @param startupNanos its pool's start-up
   * @param startupPerWorkerNanos what each worker beyond the first adds to the start-up: measured on a
   *     pool of two for a mode that spawns worker JVMs (they share the cores as they start), else 0
   * @param warmupNanos what the pool's first run took beyond a warm run of the same tasks: paid once by
   *     a new pool (a new worker JVM loads and compiles the code its first tasks run), as start-up is
   * @param overheadNanos per task, what this mode's wall time exceeds the sequential one's by (0 when
   *     it does not): dispatch, messages, serialization
   * @param bytes per task, bytes serialized across the (simulated) process boundary
   * @param serializeNanos per task, time spent serializing and deserializing
   * @param checksum the sample's checksum
   * @param failed tasks that failed in the sample
   */
  public record ModeSample(
      String mode,
      boolean callerRuns,
      boolean gil,
      int tasksPerWorker,
      long wallNanos,
      long startupNanos,
      long startupPerWorkerNanos,
      long warmupNanos,
      double overheadNanos,
      double bytes,
      double serializeNanos,
      long checksum,
      long failed) {

    /** The start-up of a pool of {@code workers}. */
    public double startupNanos(int workers) {
      return startupNanos + (workers - 1) * (double) startupPerWorkerNanos;
    }

    /** True when the sample computed the sequential answer and every task succeeded. */
    public boolean trustworthy(long expected) {
      return failed == 0 && checksum == expected;
    }
  }

  /** The sample of this mode, if it ran. */
  public java.util.Optional<ModeSample> mode(String name) {
    return modes.stream().filter(sample -> sample.mode().equals(name)).findFirst();
  }

  /**
   * True when other programs were competing for the cores as the sample ended: a load average above
   * the cores plus the one thread the sample itself keeps busy.
   */
  public boolean machineBusy() {
    return loadAverage > cores + 1;
  }

  /** Total work of the full run on one thread: tasks x task time. */
  public double workNanos() {
    return tasks * taskNanos;
  }
}
