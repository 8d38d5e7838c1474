package io.actorlab.task;

/**
 * A unit of work: one input in, one output out. The user's code that actorlab runs in every mode.
 *
 * <p>A task crosses a process boundary as its class name and each worker creates its own instance, as
 * Python pickles a function by reference. So an implementation must be a top-level (or static nested)
 * public class with a public no-argument constructor and no state that one run relies on; everything a
 * run needs travels in its input. Lambdas and anonymous classes are refused at submit.
 *
 * @param <I> the input type; it crosses the boundary, so it must be registered for serialization
 * @param <O> the output type; likewise
 */
public interface Task<I, O> {

  /** Computes the output for one input. Throwing marks this task as failed; other tasks go on. */
  O run(I input, TaskContext context) throws Exception;

  /**
   * True when this task spends most of its time waiting (I/O, sleeps) rather than computing. actorlab
   * then runs it on the mode's dispatcher for blocking work, so waiting tasks never starve computing
   * ones. The waits themselves should still be wrapped in {@link TaskContext#blocking}.
   */
  default boolean blocking() {
    return false;
  }
}
