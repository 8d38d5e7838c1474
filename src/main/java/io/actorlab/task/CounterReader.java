package io.actorlab.task;

/** Reads the value of an actor-owned {@link SharedCounter} once every task has finished. */
@FunctionalInterface
public interface CounterReader {

  /** The counter's value after every increment sent so far has been applied. */
  long read(String name);
}
