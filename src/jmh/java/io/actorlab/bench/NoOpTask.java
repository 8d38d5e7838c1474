package io.actorlab.bench;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;

/** A task that does nothing but hand its input back: what remains is the pool's own cost. */
public final class NoOpTask implements Task<Integer, Integer> {
  @Override
  public Integer run(Integer input, TaskContext context) {
    return input;
  }
}
