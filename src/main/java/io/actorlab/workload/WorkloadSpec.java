package io.actorlab.workload;

/**
 * The parameters of one run of a workload.
 *
 * @param tasks how many tasks (inputs); at least 1
 * @param size the workload's size knob (see {@link Workload#sizeMeaning()}); at least 1
 * @param variant one of {@link Workload#variants()}, or null for the default
 */
public record WorkloadSpec(int tasks, long size, String variant) {

  /** Validates the ranges that hold for every workload. */
  public WorkloadSpec {
    if (tasks < 1) {
      throw new IllegalArgumentException("tasks must be at least 1, got " + tasks);
    }
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1, got " + size);
    }
  }
}
