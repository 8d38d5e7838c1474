package io.actorlab.api;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Throws on its first {@code failures} runs for a key, then returns how many runs it took. */
public final class FlakyTask implements Task<FlakyTask.Input, Integer> {

  private static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

  /** Fail the first {@code failures} runs of {@code key}. */
  public record Input(String key, int failures) {}

  @Override
  public Integer run(Input input, TaskContext context) {
    int run = RUNS.computeIfAbsent(input.key(), key -> new AtomicInteger()).incrementAndGet();
    if (run <= input.failures()) {
      throw new IllegalStateException("run " + run + " of " + input.key() + " fails");
    }
    return run;
  }
}
