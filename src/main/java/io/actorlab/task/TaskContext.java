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
   * A counter shared by every worker of the pool. A task's increments are collected while it runs and
   * travel with its result; in the actor modes one actor next to the coordinator owns the counter and
   * applies them one message at a time: no lock, no lost update, in one JVM or many. (The sequential
   * baseline has no actors and adds them to a plain map.) A run that fails counts nothing, as it
   * returns nothing.
   */
  SharedCounter counter(String name);

  /** A section of task code that waits. */
  @FunctionalInterface
  interface BlockingSection<T> {
    /** Does the waiting work. */
    T call() throws Exception;
  }
}
