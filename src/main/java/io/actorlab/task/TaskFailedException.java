package io.actorlab.task;

/**
 * A task threw. The original exception may have been thrown in another process, so it travels as its
 * class name and message rather than as an object.
 */
public final class TaskFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String errorClass;
  private final String errorMessage;

  /** A failure of a task whose exception had this class name and message. */
  public TaskFailedException(String taskClass, String errorClass, String errorMessage) {
    super(taskClass + " failed: " + errorClass + (errorMessage == null ? "" : ": " + errorMessage));
    this.errorClass = errorClass;
    this.errorMessage = errorMessage;
  }

  /** The class name of the exception the task threw. */
  public String errorClass() {
    return errorClass;
  }

  /** The message of the exception the task threw, or null. */
  public String errorMessage() {
    return errorMessage;
  }
}
