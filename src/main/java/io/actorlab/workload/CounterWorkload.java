package io.actorlab.workload;

import io.actorlab.task.CounterReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code counter}: many tasks increment one shared counter. The variants are the ways to share it, and
 * the details show what each costs and whether it loses updates.
 *
 * <p>Only {@code actor} is shared across processes. The JVM-wide variants count in whichever JVM runs the
 * task, so with worker processes the summarizing JVM sees none of it and reports it all as lost: the
 * lesson of a Python global under {@code multiprocessing}, reported as it is.
 */
public final class CounterWorkload implements Workload {

  /** Variant: a counter owned by one actor; increments are messages (the default). */
  static final String ACTOR = "actor";

  /** Variant: a JVM-wide {@link java.util.concurrent.atomic.AtomicLong}. */
  static final String ATOMIC = "atomic";

  /** Variant: a JVM-wide long guarded by a lock. */
  static final String LOCK = "lock";

  /** Variant: a JVM-wide long read and written with no synchronization; it loses updates. */
  static final String UNSYNCHRONIZED = "unsynchronized";

  /** Creates the workload; found through {@link java.util.ServiceLoader}. */
  public CounterWorkload() {}

  @Override
  public String name() {
    return "counter";
  }

  @Override
  public String description() {
    return "shared state: tasks increment one counter (actor-owned, atomic, locked or unsynchronized)";
  }

  @Override
  public String sizeMeaning() {
    return "increments of the shared counter per task";
  }

  @Override
  public long defaultSize() {
    return 50_000;
  }

  @Override
  public int defaultTasks() {
    return 10;
  }

  @Override
  public List<String> variants() {
    return List.of(ACTOR, ATOMIC, LOCK, UNSYNCHRONIZED);
  }

  @Override
  public PreparedWorkload<CounterTask.Increments, Long> prepare(WorkloadSpec spec) {
    String variant = SpecChecks.variant(this, spec);
    long expected;
    try {
      expected = Math.multiplyExact(spec.tasks(), spec.size());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "counter: tasks x size overflows a long (tasks " + spec.tasks() + ", size " + spec.size() + ")");
    }
    // A fresh key per run: a new actor counter starting at 0, and a JVM-wide cell no other run touches.
    String key = "counter-" + UUID.randomUUID();
    List<CounterTask.Increments> inputs = new ArrayList<>(spec.tasks());
    for (int i = 0; i < spec.tasks(); i++) {
      inputs.add(new CounterTask.Increments(variant, key, spec.size()));
    }
    return new PreparedRun<>(
        new CounterTask(),
        inputs,
        (outputs, counters) -> summary(variant, expected, finalCount(variant, key, counters)),
        () -> JvmCounter.forget(key));
  }

  /** The counter's value once every task finished: the actor's, or this JVM's cell. */
  private static long finalCount(String variant, String key, CounterReader counters) {
    return ACTOR.equals(variant) ? counters.read(key) : JvmCounter.valueOf(key);
  }

  private static WorkloadResult summary(String variant, long expected, long actual) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("expected", expected);
    details.put("actual", actual);
    // Whatever the difference is, it is reported as is: it is the lesson of the unsynchronized variant.
    details.put("lost", expected - actual);
    details.put("variant", variant);
    // The checksum is the count itself, so a mode that loses updates shows a different checksum.
    return new WorkloadResult(actual, details);
  }
}
