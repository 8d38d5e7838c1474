package io.actorlab.task;

/** A counter owned by one actor; see {@link TaskContext#counter(String)}. */
public interface SharedCounter {

  /** Adds {@code delta}; never blocks. The owning actor applies it when the task's result arrives. */
  void add(long delta);
}
