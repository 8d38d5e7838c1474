package io.actorlab.workload;

import io.actorlab.task.CounterReader;
import io.actorlab.task.Task;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * The one {@link PreparedWorkload} implementation the built-in workloads share: a task, its inputs, a
 * summary function and what to stop on close.
 *
 * <p>Only the task's class name and the inputs cross a process boundary, never this object, so the
 * summary and the close action may be lambdas.
 */
final class PreparedRun<I, O> implements PreparedWorkload<I, O> {

  private final Task<I, O> task;
  private final List<I> inputs;
  private final BiFunction<List<O>, CounterReader, WorkloadResult> summary;
  private final Runnable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** A run that needs nothing stopped. */
  PreparedRun(Task<I, O> task, List<I> inputs, BiFunction<List<O>, CounterReader, WorkloadResult> summary) {
    this(task, inputs, summary, () -> {});
  }

  /**
   * A run that stops something on close.
   *
   * @param inputs an {@link java.util.ArrayList}, handed out as is: it is plain data a runtime may ship
   * @param onClose must not throw; it runs at most once
   */
  PreparedRun(
      Task<I, O> task,
      List<I> inputs,
      BiFunction<List<O>, CounterReader, WorkloadResult> summary,
      Runnable onClose) {
    this.task = task;
    this.inputs = inputs;
    this.summary = summary;
    this.onClose = onClose;
  }

  @Override
  public Task<I, O> task() {
    return task;
  }

  @Override
  public List<I> inputs() {
    return inputs;
  }

  @Override
  public WorkloadResult summarize(List<O> outputs, CounterReader counters) {
    if (outputs.size() != inputs.size()) {
      throw new IllegalArgumentException(
          "expected " + inputs.size() + " outputs, one per input, got " + outputs.size());
    }
    return summary.apply(outputs, counters);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      onClose.run();
    }
  }
}
