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
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

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
  private final int maxPending;
  private final AtomicBoolean closed = new AtomicBoolean();

  WorkerPool(
      PoolBackend backend, String mode, int workers, long startedEpochMicros, int maxPending) {
    this.backend = backend;
    this.mode = mode;
    this.workers = workers;
    this.startedEpochMicros = startedEpochMicros;
    this.maxPending = maxPending;
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
   * task runs even when some fail; then the first failure in input order is thrown. Inputs are read as
   * the work goes on, at most {@code actorlab.tasks.max-pending} ahead of the results.
   *
   * @throws TaskFailedException when a task threw
   */
  public <I, O> List<O> map(Task<I, O> task, Iterable<? extends I> inputs) {
    String taskClass = TaskClasses.nameOf(task);
    List<O> outputs =
        inputs instanceof Collection
            ? new ArrayList<>(((Collection<?>) inputs).size())
            : new ArrayList<>();
    TaskOutcome firstFailure = null;
    Iterator<TaskOutcome> outcomes = outcomes(taskClass, inputs.iterator());
    while (outcomes.hasNext()) {
      TaskOutcome outcome = outcomes.next();
      if (firstFailure == null && !outcome.succeeded()) {
        firstFailure = outcome;
      } else if (firstFailure == null) {
        outputs.add(outputOf(taskClass, outcome));
      }
    }
    if (firstFailure != null) {
      outputOf(taskClass, firstFailure); // throws the failure
    }
    return outputs;
  }

  /**
   * Runs a task on every input as the returned stream is consumed, and streams the outputs in input
   * order: the lazy form of {@link #map}, for more inputs than fit in memory. At most {@code
   * actorlab.tasks.max-pending} tasks run ahead of the consumer, so memory stays flat however long the
   * stream is. The stream throws {@link TaskFailedException} when it reaches a task that failed.
   */
  public <I, O> Stream<O> stream(Task<I, O> task, Iterator<? extends I> inputs) {
    String taskClass = TaskClasses.nameOf(task);
    Iterator<TaskOutcome> outcomes = outcomes(taskClass, inputs);
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(outcomes, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .map(outcome -> outputOf(taskClass, outcome));
  }

  /**
   * The outcomes of running {@code taskClass} on every input, in input order, with at most {@code
   * actorlab.tasks.max-pending} submitted ahead of the caller; for callers that measure runs.
   */
  public Iterator<TaskOutcome> outcomes(String taskClass, Iterator<?> inputs) {
    return outcomes(inputs, input -> submitOutcome(taskClass, input));
  }

  /** As {@link #outcomes(String, Iterator)}, submitting each input through {@code submit}. */
  Iterator<TaskOutcome> outcomes(
      Iterator<?> inputs, Function<Object, CompletableFuture<TaskOutcome>> submit) {
    return new InOrderWindow(inputs, maxPending, submit);
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

  /**
   * What keeps this pool from running tasks as it did when it started (it is closed, its actor system
   * stopped, a worker JVM exited and none replaced it), or empty while it is whole.
   */
  public Optional<String> broken() {
    return closed.get() ? Optional.of("it was closed") : backend.broken();
  }

  /**
   * True when the pool runs on worker nodes of a running cluster it attached to, rather than on
   * workers it started: those serve one pool at a time, so keep such a pool no longer than its work.
   */
  public boolean onSharedNodes() {
    return backend.onSharedNodes();
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
}
