package io.actorlab.workload;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;

/** Counts the primes below its input by trial division: pure CPU work. */
public final class PrimesTask implements Task<Long, Long> {

  /** Creates the task; each worker makes its own. */
  public PrimesTask() {}

  /** The number of primes below {@code bound}. */
  @Override
  public Long run(Long bound, TaskContext context) throws InterruptedException {
    return PrimeCounting.countBelow(bound);
  }
}
