package io.actorlab.api;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;

/** Sleeps for its input in milliseconds, as an interruptible task does, and returns it. */
public final class Nap implements Task<Long, Long> {
  @Override
  public Long run(Long millis, TaskContext context) throws InterruptedException {
    Thread.sleep(millis);
    return millis;
  }
}
