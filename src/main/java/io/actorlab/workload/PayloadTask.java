package io.actorlab.workload;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;

/**
 * Adds 1 to every element of a large array and returns the new array: so little work that moving the
 * data in and out is most of the cost.
 */
public final class PayloadTask implements Task<int[], int[]> {

  /** Creates the task; each worker makes its own. */
  public PayloadTask() {}

  /** A new array with every element of {@code values} plus 1. */
  @Override
  public int[] run(int[] values, TaskContext context) {
    // A copy, never in place: in the thread modes the input is the caller's own array, and a run must
    // leave its inputs as they were.
    int[] result = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = values[i] + 1;
    }
    return result;
  }
}
