package io.actorlab.actor;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * How a {@link Coordinator} stops a task that ran past {@code actorlab.tasks.timeout}: in one JVM by
 * interrupting the thread that runs it, in the processes modes by killing the worker JVM.
 */
public interface Canceller {

  /** What a cancel did to the run. */
  enum Effect {
    /** It has certainly stopped: its process is gone. */
    STOPPED,
    /** It was asked to stop (interrupted); the grace tells whether it did. */
    ASKED,
    /**
     * It was not running: it has just ended (its result is on its way) or has not started yet (its
     * worker's thread is busy); the coordinator looks again one timeout later.
     */
    NOT_RUNNING
  }

  /**
   * What a cancel did.
   *
   * @param effect what became of the run
   * @param action what was done, as a phrase for the task's outcome ("its thread was interrupted")
   */
  record Cancellation(Effect effect, String action) {}

  /** Stops, or asks to stop, the run of task {@code taskId} on {@code worker}. */
  Cancellation cancel(long taskId, ActorRef<Worker.Command> worker);

  /**
   * True when a run that was asked to stop is still going; asked once the interrupt grace is over.
   */
  boolean stillRunning(long taskId);

  /** Interrupts the thread of a task that runs in this JVM. */
  static Canceller interrupting(RunningTasks running) {
    return new Canceller() {
      @Override
      public Cancellation cancel(long taskId, ActorRef<Worker.Command> worker) {
        return running.interrupt(taskId)
            ? new Cancellation(Effect.ASKED, "its thread was interrupted")
            : new Cancellation(Effect.NOT_RUNNING, "");
      }

      @Override
      public boolean stillRunning(long taskId) {
        return running.isRunning(taskId);
      }
    };
  }
}
