package io.actorlab.actor;

import io.actorlab.serialization.CrossesBoundary;
import java.util.Map;

/**
 * The end of one task run, as the worker saw it.
 *
 * @param taskId the coordinator's id of the task
 * @param output the task's output, or null when it failed
 * @param errorClass the class name of the exception the task threw, or null when it succeeded
 * @param errorMessage that exception's message, or null
 * @param startedEpochMicros when the task began to run, in microseconds since the epoch (comparable
 *     across processes on one host)
 * @param counters increments the task made to shared counters, by name; applied by the counters' owning
 *     actor when this outcome is delivered, before the result is handed out (empty for a failed run)
 * @param runNanos from the worker taking the task up until the task returned or threw, including any
 *     wait for the {@code gil} mode's lock
 */
public record TaskOutcome(
    long taskId,
    Object output,
    String errorClass,
    String errorMessage,
    long startedEpochMicros,
    long runNanos,
    Map<String, Long> counters)
    implements CrossesBoundary {

  /** The outcome of a task that did not return, for a reason of the coordinator's. */
  public static TaskOutcome failed(long taskId, String errorClass, String errorMessage) {
    return new TaskOutcome(taskId, null, errorClass, errorMessage, 0, 0, Map.of());
  }

  /** True when the task returned normally. */
  public boolean succeeded() {
    return errorClass == null;
  }
}
