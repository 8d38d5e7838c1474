package io.actorlab.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.testing.Concurrently;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SlotPoolTest {

  /** An instance that knows whether someone holds it. */
  private static final class Tracked {
    final AtomicBoolean held = new AtomicBoolean();
  }

  @Test
  void reusesAFreedInstanceInsteadOfMakingOne() {
    AtomicInteger made = new AtomicInteger();
    SlotPool<Object> pool = new SlotPool<>(2, () -> made.incrementAndGet());
    Object first = pool.obtain();
    pool.free(first);
    assertSame(first, pool.obtain());
    assertEquals(1, made.get());
  }

  @Test
  void makesNewInstancesWhileAllAreOut() {
    SlotPool<Object> pool = new SlotPool<>(2, Object::new);
    Object a = pool.obtain();
    Object b = pool.obtain();
    Object c = pool.obtain();
    assertNotSame(a, b);
    assertNotSame(b, c);
    assertNotSame(a, c);
  }

  @Test
  void keepsNoMoreThanItsCapacity() {
    SlotPool<Object> pool = new SlotPool<>(3, Object::new);
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      out.add(pool.obtain());
    }
    out.forEach(pool::free);
    assertEquals(3, pool.idle());
  }

  @Test
  void refusesABadCapacityAndANullInstance() {
    assertThrows(IllegalArgumentException.class, () -> new SlotPool<>(0, Object::new));
    SlotPool<Object> pool = new SlotPool<>(1, Object::new);
    assertThrows(NullPointerException.class, () -> pool.free(null));
  }

  @Test
  void neverGivesOneInstanceToTwoThreadsAtOnce() throws Exception {
    int threads = 4;
    int rounds = 50_000;
    SlotPool<Tracked> pool = new SlotPool<>(2, Tracked::new);
    ConcurrentLinkedQueue<String> clashes = new ConcurrentLinkedQueue<>();
    Concurrently.run(
        threads,
        Duration.ofSeconds(60),
        () -> {
          for (int i = 0; i < rounds; i++) {
            Tracked tracked = pool.obtain();
            if (!tracked.held.compareAndSet(false, true)) {
              clashes.add("round " + i);
            }
            tracked.held.set(false);
            pool.free(tracked);
          }
        });
    assertTrue(clashes.isEmpty(), () -> clashes.size() + " instances were handed out twice");
    assertTrue(pool.idle() <= 2);
  }
}
