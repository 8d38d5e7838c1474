package io.actorlab.workload;

import io.actorlab.task.SharedCounter;
import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;

/** Increments one shared counter many times, in the way its variant says. */
public final class CounterTask implements Task<CounterTask.Increments, Long> {

  /** Increments between two looks at the interrupt flag. */
  private static final long INTERRUPT_CHECK_EVERY = 4096;

  /**
   * One task's increments.
   *
   * @param variant one of {@link CounterWorkload#variants()}
   * @param key the run's key: the actor counter's name, or the JVM-wide counter's key
   * @param count how many increments of 1
   */
  public record Increments(String variant, String key, long count) {}

  /** Creates the task; each worker makes its own. */
  public CounterTask() {}

  /** Adds 1 to the counter {@code increments.count()} times and returns that count. */
  @Override
  public Long run(Increments increments, TaskContext context) throws InterruptedException {
    // Both kinds of counter take the SharedCounter shape, so one loop serves every variant.
    SharedCounter counter =
        CounterWorkload.ACTOR.equals(increments.variant())
            ? context.counter(increments.key())
            : JvmCounter.forRun(increments.key(), increments.variant())::add;
    for (long i = 0; i < increments.count(); i++) {
      if (i % INTERRUPT_CHECK_EVERY == 0 && Thread.interrupted()) {
        throw new InterruptedException("interrupted after " + i + " increments");
      }
      counter.add(1);
    }
    return increments.count();
  }
}
