package io.actorlab.api;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spins, ignoring interrupts, until its key is released (in its JVM), then adds 1 to the counter
 * "stubborn" and returns the key: a task a thread cannot be made to leave.
 */
public final class Stubborn implements Task<String, String> {

  private static final Set<String> RELEASED = ConcurrentHashMap.newKeySet();

  /** Lets every run with this key return. */
  public static void release(String key) {
    RELEASED.add(key);
  }

  @Override
  public String run(String key, TaskContext context) {
    while (!RELEASED.contains(key)) {
      Thread.onSpinWait();
    }
    context.counter("stubborn").add(1);
    return key;
  }
}
