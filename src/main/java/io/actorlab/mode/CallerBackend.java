package io.actorlab.mode;

import io.actorlab.actor.TaskGuard;
import io.actorlab.actor.TaskOutcome;
import io.actorlab.actor.TaskRunner;
import io.actorlab.measure.BoundaryStats;
import io.actorlab.measure.PoolUsage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code caller} runner: each task runs on the submitting thread, at once, one after another. No
 * actors and no extra threads, so it is the honest baseline every speed-up is measured against.
 */
final class CallerBackend implements PoolBackend {

  private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
  private final TaskRunner runner =
      new TaskRunner(TaskGuard.NONE, Thread.currentThread().getContextClassLoader(), output -> {});
  private final AtomicLong nextId = new AtomicLong();

  @Override
  public void submit(String taskClass, Object input, CompletableFuture<TaskOutcome> result) {
    TaskOutcome outcome = runner.run(nextId.getAndIncrement(), taskClass, input);
    outcome.counters().forEach((name, delta) -> counter(name).addAndGet(delta));
    result.complete(outcome);
  }

  @Override
  public long readCounter(String name) {
    return counter(name).get();
  }

  @Override
  public PoolUsage usage() {
    return PoolUsage.thisJvm(BoundaryStats.NONE);
  }

  @Override
  public void close() {}

  private AtomicLong counter(String name) {
    return counters.computeIfAbsent(name, n -> new AtomicLong());
  }
}
