package io.actorlab.actor;

/**
 * What surrounds every task run on a worker thread. The {@code gil} mode holds a global lock while a
 * task computes and lets go of it in blocking sections; every other mode does nothing here. Workers
 * call it without knowing which mode they are in.
 */
public interface TaskGuard {

  /** Does nothing: tasks run freely in parallel. */
  TaskGuard NONE =
      new TaskGuard() {
        @Override
        public void enterTask() {}

        @Override
        public void exitTask() {}

        @Override
        public void enterBlocking() {}

        @Override
        public void exitBlocking() {}
      };

  /** Called on the worker thread before a task's code runs. */
  void enterTask() throws InterruptedException;

  /** Called on the worker thread after a task's code has returned or thrown. */
  void exitTask();

  /** Called when a task enters a section it marked as blocking. */
  void enterBlocking();

  /** Called when a task leaves a blocking section. */
  void exitBlocking();
}
