package io.actorlab.api;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * Two tasks meet at a barrier, either inside a marked blocking section or in plain task code. They can
 * only meet when both run at the same time, which tells whether the mode lets them.
 */
public final class Rendezvous implements Task<Rendezvous.Meet, String> {

  private static final Map<String, CyclicBarrier> BARRIERS = new ConcurrentHashMap<>();

  /** Meet the other task of {@code group}; {@code marked} says whether the wait is a blocking section. */
  public record Meet(String group, boolean marked, long timeoutMillis) {}

  @Override
  public String run(Meet meet, TaskContext context) throws Exception {
    CyclicBarrier barrier = BARRIERS.computeIfAbsent(meet.group(), group -> new CyclicBarrier(2));
    if (meet.marked()) {
      context.blocking(() -> barrier.await(meet.timeoutMillis(), TimeUnit.MILLISECONDS));
    } else {
      barrier.await(meet.timeoutMillis(), TimeUnit.MILLISECONDS);
    }
    return "met";
  }
}
