package io.actorlab.workload;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;

/** Sleeps, inside a blocking section, and returns its index: waiting with no work at all. */
public final class SleepTask implements Task<SleepTask.Nap, Integer> {

  /**
   * One task's wait.
   *
   * @param index the task's position, returned so the checksum proves every task ran once
   * @param millis how long to sleep
   */
  public record Nap(int index, long millis) {}

  /** Creates the task; each worker makes its own. */
  public SleepTask() {}

  /** Sleeps {@code nap.millis()} and returns {@code nap.index()}. */
  @Override
  public Integer run(Nap nap, TaskContext context) throws Exception {
    return context.blocking(
        () -> {
          Thread.sleep(nap.millis());
          return nap.index();
        });
  }

  /** True: the task only waits. */
  @Override
  public boolean blocking() {
    return true;
  }
}
