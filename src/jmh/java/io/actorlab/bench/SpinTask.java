package io.actorlab.bench;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;

/**
 * A CPU-bound task of a fixed amount of work: {@code input} steps of a linear congruential generator,
 * each depending on the last, so the JIT can neither skip nor vectorize them (~1.5 ns a step here).
 */
public final class SpinTask implements Task<Long, Long> {
  @Override
  public Long run(Long steps, TaskContext context) {
    return spin(steps);
  }

  /** The same work outside any pool, for the baselines. */
  static long spin(long steps) {
    long x = steps;
    for (long i = 0; i < steps; i++) {
      x = x * 6_364_136_223_846_793_005L + 1_442_695_040_888_963_407L;
    }
    return x;
  }
}
