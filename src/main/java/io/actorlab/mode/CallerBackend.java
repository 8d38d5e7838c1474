package io.actorlab.mode;

import io.actorlab.actor.RunningTasks;
import io.actorlab.actor.TaskGuard;
import io.actorlab.actor.TaskOutcome;
import io.actorlab.actor.TaskPolicy;
import io.actorlab.actor.TaskRunner;
import io.actorlab.measure.BoundaryStats;
import io.actorlab.measure.PoolUsage;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code caller} runner: each task runs on the submitting thread, at once, one after another. No
 * actors and no extra threads, so it is the honest baseline every speed-up is measured against.
 *
 * <p>A task that fails runs again up to {@code actorlab.tasks.max-attempts} times. One past {@code
 * actorlab.tasks.timeout} has its thread, the caller's, interrupted by a watchdog and ends TIMED_OUT;
 * one that ignores the interrupt holds the caller until it returns.
 */
final class CallerBackend implements PoolBackend {

  private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
  private final RunningTasks running = new RunningTasks();
  private final TaskRunner runner =
      new TaskRunner(
          TaskGuard.NONE, Thread.currentThread().getContextClassLoader(), output -> 0, running);
  private final AtomicLong nextId = new AtomicLong();
  private final TaskPolicy policy;
  private final ScheduledExecutorService watchdog;

  CallerBackend(TaskPolicy policy) {
    this.policy = policy;
    this.watchdog =
        policy.hasTimeout()
            ? Executors.newSingleThreadScheduledExecutor(
                runnable -> {
                  Thread thread = new Thread(runnable, "actorlab-timeouts");
                  thread.setDaemon(true);
                  return thread;
                })
            : null;
  }

  @Override
  public void submit(String taskClass, Object input, CompletableFuture<TaskOutcome> result) {
    TaskOutcome outcome = runOnce(taskClass, input);
    for (int attempt = 1; !outcome.succeeded() && attempt < policy.maxAttempts(); attempt++) {
      outcome = runOnce(taskClass, input);
    }
    outcome.counters().forEach((name, delta) -> counter(name).addAndGet(delta));
    result.complete(outcome);
  }

  private TaskOutcome runOnce(String taskClass, Object input) {
    long taskId = nextId.getAndIncrement();
    if (watchdog == null) {
      return runner.run(taskId, taskClass, input);
    }
    // Whoever comes first: the task ending, or the watchdog timing it out.
    AtomicBoolean decided = new AtomicBoolean();
    ScheduledFuture<?> timeout =
        watchdog.schedule(
            () -> {
              if (decided.compareAndSet(false, true)) {
                running.interrupt(taskId);
              }
            },
            policy.timeout().toNanos(),
            TimeUnit.NANOSECONDS);
    TaskOutcome outcome = runner.run(taskId, taskClass, input);
    timeout.cancel(false);
    return decided.compareAndSet(false, true)
        ? outcome
        : policy.timedOut(
            taskId,
            "its thread was interrupted and it stopped after " + Duration.ofNanos(outcome.runNanos()));
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
  public void close() {
    if (watchdog != null) {
      watchdog.shutdownNow();
    }
  }

  private AtomicLong counter(String name) {
    return counters.computeIfAbsent(name, n -> new AtomicLong());
  }
}
