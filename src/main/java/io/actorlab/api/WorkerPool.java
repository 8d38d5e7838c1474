package io.actorlab.api;

import io.actorlab.actor.TaskOutcome;
import io.actorlab.measure.BoundaryStats;
import io.actorlab.measure.PoolUsage;
import io.actorlab.mode.PoolBackend;
import io.actorlab.task.CounterReader;
import io.actorlab.task.Task;
import io.actorlab.task.TaskFailedException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks on a mode's workers, in the spirit of Python's {@code concurrent.futures} executors:
 * {@link #submit} returns a future, {@link #map} returns results in input order, {@link #close} stops
 * everything. Thread-safe. Get one from {@link ActorLab#start()}.
 */
public final class WorkerPool implements AutoCloseable, CounterReader {

  private final PoolBackend backend;
  private final String mode;
  private final int workers;
  private final long startedEpochMicros;
  private final AtomicBoolean closed = new AtomicBoolean();

  WorkerPool(PoolBackend backend, String mode, int workers, long startedEpochMicros) {
    this.backend = backend;
    this.mode = mode;
    this.workers = workers;
    this.startedEpochMicros = startedEpochMicros;
  }

  /** The mode this pool runs. */
  public String mode() {
    return mode;
  }

  /** How many workers run tasks. */
  public int workers() {
    return workers;
  }

  /** When the mode began to start, in microseconds since the epoch. */
  public long startedEpochMicros() {
    return startedEpochMicros;
  }

  /**
   * Runs one task. The stage completes with the task's output, or exceptionally with a {@link
   * TaskFailedException} when it threw.
   *
   * @throws IllegalArgumentException at once, when the task cannot be re-created by a worker
   * @throws IllegalStateException when the pool is closed
   */
  public <I, O> CompletionStage<O> submit(Task<I, O> task, I input) {
    String taskClass = TaskClasses.nameOf(task);
    return submitOutcome(taskClass, input).thenApply(outcome -> outputOf(taskClass, outcome));
  }

  /**
   * Runs a task on every input and returns the outputs in input order once all have finished. Every
   * task runs even when some fail; then the first failure in input order is thrown.
   *
   * @throws TaskFailedException when a task threw
   */
  public <I, O> List<O> map(Task<I, O> task, Collection<? extends I> inputs) {
    String taskClass = TaskClasses.nameOf(task);
    List<CompletableFuture<TaskOutcome>> pending = new ArrayList<>(inputs.size());
    for (I input : inputs) {
      pending.add(submitOutcome(taskClass, input));
    }
    List<O> outputs = new ArrayList<>(pending.size());
    for (CompletableFuture<TaskOutcome> outcome : pending) {
      outputs.add(outputOf(taskClass, join(outcome)));
    }
    return outputs;
  }

  /**
   * Runs one task and gives its full outcome, failure included, rather than its output; for callers
   * that measure runs.
   */
  public CompletableFuture<TaskOutcome> submitOutcome(String taskClass, Object input) {
    if (closed.get()) {
      throw new IllegalStateException("the worker pool is closed");
    }
    CompletableFuture<TaskOutcome> result = new CompletableFuture<>();
    backend.submit(taskClass, input, result);
    return result;
  }

  /** The value of an actor-owned counter that tasks added to through their context. */
  @Override
  public long read(String name) {
    return backend.readCounter(name);
  }

  /** What has crossed the process boundary (or been serialized as if it had) so far. */
  public BoundaryStats boundary() {
    return backend.usage().boundary();
  }

  /** CPU, memory and boundary figures of every JVM of this pool so far. */
  public PoolUsage usage() {
    return backend.usage();
  }

  /** Stops every worker; tasks not yet finished complete exceptionally. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      backend.close();
    }
  }

  @SuppressWarnings("unchecked")
  private static <O> O outputOf(String taskClass, TaskOutcome outcome) {
    if (!outcome.succeeded()) {
      throw new TaskFailedException(taskClass, outcome.errorClass(), outcome.errorMessage());
    }
    return (O) outcome.output();
  }

  private static TaskOutcome join(CompletableFuture<TaskOutcome> outcome) {
    try {
      return outcome.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw e;
    }
  }
}
