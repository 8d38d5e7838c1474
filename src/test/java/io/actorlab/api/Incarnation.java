package io.actorlab.api;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Says which instance ran it and how many runs that instance has had: {@code instance * 1000 + runs}.
 * A worker that is renewed gets new instances, so the runs per instance show the renewal.
 */
public final class Incarnation implements Task<Integer, Long> {

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final int instance = INSTANCES.incrementAndGet();
  private final AtomicInteger runs = new AtomicInteger();

  @Override
  public Long run(Integer ignored, TaskContext context) {
    return instance * 1000L + runs.incrementAndGet();
  }
}
