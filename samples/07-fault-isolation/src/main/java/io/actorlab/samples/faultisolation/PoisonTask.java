package io.actorlab.samples.faultisolation;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;
import io.actorlab.workload.PrimesTask;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the primes below its input, like {@link PrimesTask}, except for the poison: input {@link
 * #EXIT} calls {@code System.exit(3)}, input {@link #EXHAUST_MEMORY} allocates until the heap is full.
 * Whatever JVM runs the poison goes down with it.
 */
public final class PoisonTask implements Task<Long, Long> {

  /** The input that ends the JVM with {@link #EXIT_CODE}. */
  public static final long EXIT = -1;

  /** The input that fills the heap; with -XX:+ExitOnOutOfMemoryError the JVM then exits with 3. */
  public static final long EXHAUST_MEMORY = -2;

  /** The code {@code System.exit} is called with (and the one -XX:+ExitOnOutOfMemoryError uses). */
  public static final int EXIT_CODE = 3;

  private final PrimesTask primes = new PrimesTask();

  /** Created by name in each worker. */
  public PoisonTask() {}

  @Override
  public Long run(Long input, TaskContext context) throws InterruptedException {
    if (input == EXIT) {
      System.exit(EXIT_CODE);
    }
    if (input == EXHAUST_MEMORY) {
      List<long[]> hoard = new ArrayList<>();
      while (true) {
        hoard.add(new long[1 << 20]); // 8 MB a step, kept: nothing can be collected
      }
    }
    return primes.run(input, context);
  }
}
