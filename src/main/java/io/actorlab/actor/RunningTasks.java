package io.actorlab.actor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which thread runs which task in this JVM, so that a task past its timeout can be interrupted, as
 * {@code Future.cancel(true)} does. Shared by the {@link TaskRunner} that runs tasks and the {@link
 * Canceller} that stops them. Thread-safe.
 */
public final class RunningTasks {

  private final Map<Long, Thread> threads = new ConcurrentHashMap<>();

  /** The calling thread starts running task {@code taskId}. */
  void started(long taskId) {
    threads.put(taskId, Thread.currentThread());
  }

  /** The calling thread has left task {@code taskId}. */
  void ended(long taskId) {
    threads.remove(taskId);
    // An interrupt meant for this task may have landed just before the removal; the thread's next
    // task must not see it. None can land after the removal (see interrupt()).
    Thread.interrupted();
  }

  /**
   * Interrupts the thread running task {@code taskId}, if it still runs it; never a thread that has
   * left the task.
   *
   * @return true when the task was running and its thread was interrupted
   */
  public boolean interrupt(long taskId) {
    // Atomic against the removal in ended(): the interrupt lands while the task still runs.
    return threads.computeIfPresent(
            taskId,
            (id, thread) -> {
              thread.interrupt();
              return thread;
            })
        != null;
  }

  /** True while task {@code taskId} runs. */
  public boolean isRunning(long taskId) {
    return threads.containsKey(taskId);
  }
}
