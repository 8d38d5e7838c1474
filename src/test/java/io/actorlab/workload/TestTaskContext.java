package io.actorlab.workload;

import io.actorlab.task.CounterReader;
import io.actorlab.task.SharedCounter;
import io.actorlab.task.TaskContext;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TaskContext} for tests without a runtime: blocking sections run directly, and counters are
 * atomic longs in a map (exact, as the actor-owned ones are), readable back as a {@link CounterReader}.
 */
final class TestTaskContext implements TaskContext, CounterReader {

  private final ConcurrentMap<String, AtomicLong> counters = new ConcurrentHashMap<>();

  @Override
  public <T> T blocking(BlockingSection<T> section) throws Exception {
    return section.call();
  }

  @Override
  public SharedCounter counter(String name) {
    AtomicLong counter = counters.computeIfAbsent(name, n -> new AtomicLong());
    return counter::addAndGet;
  }

  /** The counter's value; 0 for a counter never used, as a fresh actor-owned counter would read. */
  @Override
  public long read(String name) {
    AtomicLong counter = counters.get(name);
    return counter == null ? 0 : counter.get();
  }
}
