package io.actorlab.task;

/** A counter owned by one actor; see {@link TaskContext#counter(String)}. */
public interface SharedCounter {

  /** Adds {@code delta}; the increment is a message to the owning actor, so this never blocks. */
  void add(long delta);
}
