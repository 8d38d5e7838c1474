package io.actorlab.cluster;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;

/** Returns the process id of the JVM that ran it. */
public final class Pid implements Task<Integer, Long> {
  @Override
  public Long run(Integer ignored, TaskContext context) {
    return ProcessHandle.current().pid();
  }
}
