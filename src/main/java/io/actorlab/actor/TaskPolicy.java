package io.actorlab.actor;

import java.time.Duration;

/**
 * What the {@link Coordinator} does with a task that fails, hangs or loses its worker, and how long a
 * worker serves; from {@code actorlab.tasks}.
 *
 * @param maxAttempts runs of a task that throws or times out, before its failure is reported (1 = no
 *     retry)
 * @param maxDeliveries times a task is handed to a worker that then stops (its JVM died) before the task
 *     is reported failed: a task that kills every worker it reaches is not redelivered forever
 * @param timeout how long one run of a task may take before it is stopped, or {@link Duration#ZERO} for
 *     no limit
 * @param interruptGrace how long a task whose thread was interrupted at its timeout has to stop before
 *     it is reported stuck
 * @param maxTasksPerWorker tasks a worker runs before it is replaced by a fresh one, or 0 for no limit
 * @param prefetch tasks handed to a worker before it has answered the first: 1 is plain work pulling;
 *     more hides the round trip between coordinator and worker behind the worker's work
 * @param batchSize tasks handed to a worker in one message, run in order and answered in one message
 *     (a prefetch slot holds one such chunk): 1 sends each task on its own; more amortizes the cost of
 *     a message over many small tasks; {@link #AUTO_BATCH} lets the coordinator size each chunk from
 *     what the last ones took ({@link AutoBatch})
 * @param auditInterval how often the coordinator asks each worker with tasks in flight which of them
 *     it still holds, so that a task whose message was lost on a connection that stayed up is handed
 *     out again rather than waited for forever
 */
public record TaskPolicy(
    int maxAttempts,
    int maxDeliveries,
    Duration timeout,
    Duration interruptGrace,
    int maxTasksPerWorker,
    int prefetch,
    int batchSize,
    Duration auditInterval) {

  /** {@code batchSize} of {@code actorlab.tasks.batch-size = auto}. */
  public static final int AUTO_BATCH = 0;

  /** The class name reported for a task whose workers kept stopping under it. */
  public static final String WORKER_LOST = "io.actorlab.WorkerLost";

  /** The class name reported for a task no worker was left to run. */
  public static final String NO_WORKERS = "io.actorlab.NoWorkersLeft";

  /** The class name reported for a task that ran past {@link #timeout()}. */
  public static final String TIMED_OUT = "io.actorlab.TimedOut";

  /** Checks the values. */
  public TaskPolicy {
    if (maxAttempts < 1 || maxDeliveries < 1) {
      throw new IllegalArgumentException(
          "max-attempts and max-deliveries must be at least 1, got "
              + maxAttempts
              + " and "
              + maxDeliveries);
    }
    if (timeout.isNegative() || interruptGrace.isNegative() || maxTasksPerWorker < 0) {
      throw new IllegalArgumentException(
          "timeout, interrupt-grace and max-tasks-per-worker must not be negative");
    }
    if (prefetch < 1) {
      throw new IllegalArgumentException("prefetch must be at least 1, got " + prefetch);
    }
    if (batchSize < AUTO_BATCH) {
      throw new IllegalArgumentException(
          "batch-size must be at least 1, or AUTO_BATCH, got " + batchSize);
    }
    if (auditInterval.isNegative() || auditInterval.isZero()) {
      throw new IllegalArgumentException("audit-interval must be positive, got " + auditInterval);
    }
  }

  /** The outcome of a task stopped at its timeout; {@code what} says what became of it. */
  public TaskOutcome timedOut(long taskId, String what) {
    return TaskOutcome.failed(
        taskId, TIMED_OUT, "ran longer than " + timeout + " (actorlab.tasks.timeout); " + what);
  }

  /** True when the coordinator sizes chunks itself. */
  public boolean autoBatch() {
    return batchSize == AUTO_BATCH;
  }

  /** True when runs have a time limit. */
  public boolean hasTimeout() {
    return !timeout.isZero();
  }
}
