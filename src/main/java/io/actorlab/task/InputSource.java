package io.actorlab.task;

import java.util.List;

/**
 * Optional for a {@link Task}: it makes its own inputs, so the command line can run it with {@code --task}
 * and no inputs file, scaled by {@code --tasks} and {@code --size}, as the built-in workloads are.
 *
 * <p>The inputs must be the same on every call with the same arguments: every mode of a comparison
 * builds its own, and their checksums are compared.
 *
 * @param <I> the task's input type
 */
public interface InputSource<I> {

  /**
   * The inputs of one run, one per task, in order.
   *
   * @param tasks how many inputs to make ({@code --tasks}, else {@link #defaultTasks()}); at least 1
   * @param size what the task makes of it ({@code --size}, else {@link #defaultSize()}); at least 1
   */
  List<I> inputs(int tasks, long size);

  /** The number of tasks when {@code --tasks} is not given. */
  default int defaultTasks() {
    return 16;
  }

  /** The size when {@code --size} is not given. */
  default long defaultSize() {
    return 1;
  }
}
