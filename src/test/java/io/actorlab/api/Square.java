package io.actorlab.api;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;

/** Squares a number; throws for negative input so failures can be tested. */
public final class Square implements Task<Integer, Long> {
  @Override
  public Long run(Integer input, TaskContext context) {
    if (input < 0) {
      throw new IllegalArgumentException("negative input " + input);
    }
    return (long) input * input;
  }
}
