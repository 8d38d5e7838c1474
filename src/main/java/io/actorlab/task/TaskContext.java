package io.actorlab.task;

/**
 * What a running task may ask of the runtime. One context per task run; not to be kept after the run.
 */
public interface TaskContext {

  /**
   * Runs a section that waits (I/O, sleep, a lock held by someone else). Marking it matters: under the
   * {@code gil} mode the global lock is released for the section's duration, as CPython releases the GIL
   * around I/O, so other tasks compute meanwhile. An unmarked wait holds the lock, like a C extension
   * that never releases the GIL.
   */
  <T> T blocking(BlockingSection<T> section) throws Exception;

  /**
   * A counter shared by every worker of the pool. In the actor modes one actor owns it: increments are
   * messages, so no update is ever lost and no lock is needed. The sequential baseline has one thread
   * and no actors, so there it is a plain counter.
   */
  SharedCounter counter(String name);

  /** A section of task code that waits. */
  @FunctionalInterface
  interface BlockingSection<T> {
    /** Does the waiting work. */
    T call() throws Exception;
  }
}
