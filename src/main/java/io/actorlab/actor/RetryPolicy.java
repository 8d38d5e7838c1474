package io.actorlab.actor;

/**
 * How often the {@link Coordinator} tries a task again.
 *
 * @param maxAttempts runs of a task that throws, before its failure is reported (1 = no retry)
 * @param maxDeliveries times a task is handed to a worker that then stops (its JVM died) before the task
 *     is reported failed: a task that kills every worker it reaches is not redelivered forever
 */
public record RetryPolicy(int maxAttempts, int maxDeliveries) {

  /** The class name reported for a task whose workers kept stopping under it. */
  public static final String WORKER_LOST = "io.actorlab.WorkerLost";

  /** Checks both are at least 1. */
  public RetryPolicy {
    if (maxAttempts < 1 || maxDeliveries < 1) {
      throw new IllegalArgumentException(
          "max-attempts and max-deliveries must be at least 1, got "
              + maxAttempts
              + " and "
              + maxDeliveries);
    }
  }
}
