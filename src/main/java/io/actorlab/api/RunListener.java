package io.actorlab.api;

/** Hears how a {@link WorkloadRun} progresses, e.g. to draw a progress bar. Called from any thread. */
public interface RunListener {

  /** Hears nothing. */
  RunListener NONE = completed -> {};

  /** {@code completed} tasks (of the run's total) have ended, successfully or not. */
  void completed(long completed);
}
