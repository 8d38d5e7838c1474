package io.actorlab.api;

import io.actorlab.actor.TaskOutcome;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Submits inputs as their outcomes are taken, never more than {@code maxPending} ahead: the outcomes
 * come back in input order, and however many inputs there are, at most {@code maxPending} tasks (and
 * their futures) exist at once. Reading the inputs lazily is what keeps a map over a million inputs in
 * flat memory.
 *
 * <p>Not thread-safe: one caller takes the outcomes.
 */
final class InOrderWindow implements Iterator<TaskOutcome> {

  private final Iterator<?> inputs;
  private final int maxPending;
  private final Function<Object, CompletableFuture<TaskOutcome>> submit;
  private final ArrayDeque<CompletableFuture<TaskOutcome>> window = new ArrayDeque<>();

  /**
   * @param inputs read one at a time, only as room in the window frees up
   * @param maxPending tasks submitted but not yet taken, at most; at least 1
   * @param submit submits one input
   */
  InOrderWindow(
      Iterator<?> inputs, int maxPending, Function<Object, CompletableFuture<TaskOutcome>> submit) {
    this.inputs = inputs;
    this.maxPending = maxPending;
    this.submit = submit;
  }

  @Override
  public boolean hasNext() {
    fill();
    return !window.isEmpty();
  }

  /**
   * The next outcome in input order, waiting for it.
   *
   * @throws IllegalStateException when the pool closed before the task finished
   */
  @Override
  public TaskOutcome next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    try {
      return window.pollFirst().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw e;
    }
  }

  private void fill() {
    while (window.size() < maxPending && inputs.hasNext()) {
      window.addLast(submit.apply(inputs.next()));
    }
  }
}
