package io.actorlab.api;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;

/** Tells which kind of thread ran it: "virtual" or "platform". */
public final class ThreadName implements Task<Integer, String> {
  @Override
  public String run(Integer input, TaskContext context) throws Exception {
    // Thread.isVirtual() exists from Java 21 on; actorlab builds for 17, so ask reflectively.
    boolean virtual;
    try {
      virtual = (Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread());
    } catch (NoSuchMethodException e) {
      virtual = false;
    }
    return virtual ? "virtual" : "platform";
  }
}
