package io.actorlab.workload;

import io.actorlab.task.CounterReader;
import io.actorlab.task.Task;
import java.util.List;

/**
 * One run's worth of a workload: the task, its inputs, and how to sum up the outputs.
 *
 * @param <I> input type
 * @param <O> output type
 */
public interface PreparedWorkload<I, O> extends AutoCloseable {

  /** The task to run on every input. */
  Task<I, O> task();

  /** The inputs, one per task, in order. */
  List<I> inputs();

  /**
   * Sums up a finished run.
   *
   * @param outputs the outputs in input order (all tasks completed)
   * @param counters reads actor-owned counters the tasks used
   */
  WorkloadResult summarize(List<O> outputs, CounterReader counters);

  /** Stops whatever {@link Workload#prepare} started. Never throws. */
  @Override
  void close();
}
