package io.actorlab.serialization;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A lock-free pool of reusable, non-thread-safe instances: a fixed array of slots, each empty or
 * holding one idle instance.
 *
 * <p>{@link #obtain} takes an instance out of a slot with a compare-and-set, so no two callers ever
 * get the same one, and creates a new one when every slot is empty; {@link #free} puts it into an
 * empty slot and drops it when none is left. Each thread starts its scan at a slot picked from its
 * identity, so threads that serialize at the same time mostly touch different slots.
 *
 * <p>This replaces Kryo's own {@code Pool}, whose thread-safe form takes a lock on a queue and, with
 * soft references, allocates one per return: 250-400 ns of a serialize + deserialize round trip on
 * this project's 2-core benchmark machine (two borrows and returns), against 60-100 ns here, where
 * Kryo's own work on a small record takes 150-370 ns (see docs/performance.md).
 */
final class SlotPool<T> {

  private final AtomicReferenceArray<T> slots;
  private final Supplier<T> factory;

  /**
   * A pool that keeps at most {@code capacity} idle instances.
   *
   * @param factory makes an instance when no idle one is left
   */
  SlotPool(int capacity, Supplier<T> factory) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.slots = new AtomicReferenceArray<>(capacity);
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /** An idle instance, now owned by the caller alone, or a new one when none is idle. */
  T obtain() {
    int n = slots.length();
    int start = firstSlot(n);
    for (int i = 0; i < n; i++) {
      int at = (start + i) % n;
      T idle = slots.get(at);
      if (idle != null && slots.compareAndSet(at, idle, null)) {
        return idle;
      }
    }
    return factory.get();
  }

  /**
   * Returns an instance the caller no longer uses; dropped when every slot is already full. Never
   * return one that threw midway, since it may hold half-written state.
   */
  void free(T instance) {
    Objects.requireNonNull(instance, "instance");
    int n = slots.length();
    int start = firstSlot(n);
    for (int i = 0; i < n; i++) {
      int at = (start + i) % n;
      if (slots.get(at) == null && slots.compareAndSet(at, null, instance)) {
        return;
      }
    }
  }

  /** The instances idle in the pool now; a snapshot that others may change at once. */
  int idle() {
    int count = 0;
    for (int i = 0; i < slots.length(); i++) {
      if (slots.get(i) != null) {
        count++;
      }
    }
    return count;
  }

  private static int firstSlot(int n) {
    return Math.floorMod(System.identityHashCode(Thread.currentThread()), n);
  }
}
