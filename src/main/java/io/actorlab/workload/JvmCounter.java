package io.actorlab.workload;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The counters of the {@code counter} workload that are not actor-owned: one per run and per JVM, kept
 * in a static map under the run's key so that concurrent runs never share one.
 *
 * <p>"Per JVM" is the point: in a mode with worker processes each process increments its own copy and
 * the JVM that summarizes sees none of it, exactly like a Python global under {@code multiprocessing}.
 * Only the actor-owned counter is shared by every worker in every mode.
 */
abstract class JvmCounter {

  private static final ConcurrentMap<String, JvmCounter> BY_RUN = new ConcurrentHashMap<>();

  /** The counter of run {@code key} in this JVM, created on first use with the given variant. */
  static JvmCounter forRun(String key, String variant) {
    return BY_RUN.computeIfAbsent(key, k -> create(variant));
  }

  /** The value of run {@code key}'s counter in this JVM; 0 when no task of the run incremented here. */
  static long valueOf(String key) {
    JvmCounter counter = BY_RUN.get(key);
    return counter == null ? 0 : counter.value();
  }

  /** Whether run {@code key} has a counter in this JVM. */
  static boolean exists(String key) {
    return BY_RUN.containsKey(key);
  }

  /** Drops run {@code key}'s counter. */
  static void forget(String key) {
    BY_RUN.remove(key);
  }

  private static JvmCounter create(String variant) {
    switch (variant) {
      case CounterWorkload.ATOMIC:
        return new Atomic();
      case CounterWorkload.LOCK:
        return new Locked();
      case CounterWorkload.UNSYNCHRONIZED:
        return new Unsynchronized();
      default:
        throw new IllegalArgumentException("no JVM-wide counter for variant '" + variant + "'");
    }
  }

  /** Adds {@code delta}. */
  abstract void add(long delta);

  /** The current value, once the tasks that added have finished. */
  abstract long value();

  /** Lock-free and exact: one atomic read-modify-write per increment. */
  private static final class Atomic extends JvmCounter {
    private final AtomicLong value = new AtomicLong();

    @Override
    void add(long delta) {
      value.addAndGet(delta);
    }

    @Override
    long value() {
      return value.get();
    }
  }

  /** Exact: every read-modify-write holds the lock, like Python's {@code with lock: counter += 1}. */
  private static final class Locked extends JvmCounter {
    private final ReentrantLock lock = new ReentrantLock();
    private long value;

    // The lock is held for one addition, so acquiring it is not marked as a blocking section: marking
    // would cost more than the wait (and under gil, a lock hand-off per increment).
    @Override
    void add(long delta) {
      lock.lock();
      try {
        value += delta;
      } finally {
        lock.unlock();
      }
    }

    @Override
    long value() {
      lock.lock();
      try {
        return value;
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Loses updates: two threads that read the same value both write value + 1. Python's {@code counter +=
   * 1} across threads, without the GIL's accidental protection.
   *
   * <p>Opaque access instead of a plain {@code value++}: both are unsynchronized and non-atomic, but the
   * JIT may fold a loop of plain increments into one addition per task, which would hide the race behind
   * a much coarser one. Opaque keeps every read and every write.
   */
  private static final class Unsynchronized extends JvmCounter {
    private static final VarHandle VALUE;

    static {
      try {
        VALUE = MethodHandles.lookup().findVarHandle(Unsynchronized.class, "value", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    @SuppressWarnings("unused") // accessed through VALUE
    private long value;

    @Override
    void add(long delta) {
      long read = (long) VALUE.getOpaque(this);
      VALUE.setOpaque(this, read + delta);
    }

    @Override
    long value() {
      return (long) VALUE.getOpaque(this);
    }
  }
}
