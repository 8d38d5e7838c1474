package io.actorlab.samples.boundarycost;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;

/** Sums an array that travels in the message itself: across a boundary, the whole array is copied. */
public final class SumTask implements Task<int[], Long> {

  /** Creates the task; each worker makes its own. */
  public SumTask() {}

  @Override
  public Long run(int[] values, TaskContext context) {
    long sum = 0;
    for (int value : values) {
      sum += value;
    }
    return sum;
  }
}
