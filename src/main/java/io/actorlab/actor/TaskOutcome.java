package io.actorlab.actor;

import io.actorlab.serialization.CrossesBoundary;

/**
 * The end of one task run, as the worker saw it.
 *
 * @param taskId the coordinator's id of the task
 * @param output the task's output, or null when it failed
 * @param errorClass the class name of the exception the task threw, or null when it succeeded
 * @param errorMessage that exception's message, or null
 * @param startedEpochMicros when the task began to run, in microseconds since the epoch (comparable
 *     across processes on one host)
 * @param runNanos from the worker taking the task up until the task returned or threw, including any
 *     wait for the {@code gil} mode's lock
 */
public record TaskOutcome(
    long taskId,
    Object output,
    String errorClass,
    String errorMessage,
    long startedEpochMicros,
    long runNanos)
    implements CrossesBoundary {

  /** True when the task returned normally. */
  public boolean succeeded() {
    return errorClass == null;
  }
}
