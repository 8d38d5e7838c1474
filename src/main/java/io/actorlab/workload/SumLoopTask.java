package io.actorlab.workload;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;

/** Runs a long xorshift loop and returns the sum of its states: integer arithmetic the JIT cannot drop. */
public final class SumLoopTask implements Task<SumLoopTask.Loop, Long> {

  /** Iterations between two looks at the interrupt flag; a power of two keeps the inner loop tight. */
  private static final long CHUNK = 1L << 20;

  /**
   * One task's loop.
   *
   * @param seed the xorshift start state; must not be 0 (xorshift stays at 0 forever)
   * @param iterations how many steps
   */
  public record Loop(long seed, long iterations) {}

  /** Creates the task; each worker makes its own. */
  public SumLoopTask() {}

  /** The wrapping sum of the xorshift64 states visited. */
  @Override
  public Long run(Loop loop, TaskContext context) throws InterruptedException {
    long x = loop.seed();
    long sum = 0;
    long left = loop.iterations();
    while (left > 0) {
      // Chunks let a per-task timeout interrupt the loop without a check in every step.
      long steps = Math.min(left, CHUNK);
      for (long i = 0; i < steps; i++) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        sum += x;
      }
      left -= steps;
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted with " + left + " iterations left");
      }
    }
    return sum;
  }
}
