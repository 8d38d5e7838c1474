package io.actorlab.samples.boundarycost;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;
import java.nio.IntBuffer;

/** Sums an array handed over as a memory-mapped file: only the file's name crosses the boundary. */
public final class SumMappedTask implements Task<MappedArray, Long> {

  /** Creates the task; each worker makes its own. */
  public SumMappedTask() {}

  @Override
  public Long run(MappedArray array, TaskContext context) throws Exception {
    IntBuffer values = array.map();
    long sum = 0;
    for (int i = 0; i < array.length(); i++) {
      sum += values.get(i);
    }
    return sum;
  }
}
