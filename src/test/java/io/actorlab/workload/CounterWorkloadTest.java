package io.actorlab.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared counter: exact where it is synchronized, and honest about what it loses where not. */
class CounterWorkloadTest {

  private static final int TASKS = 8;
  private static final long SIZE = 20_000;

  private final CounterWorkload workload = new CounterWorkload();

  @Test
  void variantsAreTheFourWaysToShareWithTheActorFirst() {
    assertEquals(List.of("actor", "atomic", "lock", "unsynchronized"), workload.variants());
    try (PreparedWorkload<CounterTask.Increments, Long> prepared =
        workload.prepare(new WorkloadSpec(1, 1, null))) {
      assertEquals("actor", prepared.inputs().get(0).variant());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"actor", "atomic", "lock"})
  void synchronizedVariantsLoseNothingOnFourThreads(String variant) throws Exception {
    try (PreparedWorkload<?, ?> prepared = workload.prepare(new WorkloadSpec(TASKS, SIZE, variant))) {
      Map<String, Object> details = InlineRunner.shuffled(prepared, 4, 7).details();
      assertEquals(
          Map.of("expected", TASKS * SIZE, "actual", TASKS * SIZE, "lost", 0L, "variant", variant),
          details);
      assertEquals(List.of("expected", "actual", "lost", "variant"), List.copyOf(details.keySet()));
    }
  }

  @Test
  void unsynchronizedReportsWhatItLostTruthfully() throws Exception {
    try (PreparedWorkload<?, ?> prepared =
        workload.prepare(new WorkloadSpec(TASKS, SIZE, "unsynchronized"))) {
      WorkloadResult result = InlineRunner.shuffled(prepared, 4, 7);
      long expected = (Long) result.details().get("expected");
      long actual = (Long) result.details().get("actual");
      assertEquals(TASKS * SIZE, expected);
      assertEquals(expected - actual, result.details().get("lost"));
      assertEquals(actual, result.checksum());
      assertTrue(actual > 0 && actual <= expected, "actual " + actual);
    }
  }

  @Test
  void eachRunCountsFromZeroAndCloseForgetsItsCounter() throws Exception {
    for (int run = 0; run < 2; run++) {
      String key;
      try (PreparedWorkload<CounterTask.Increments, Long> prepared =
          workload.prepare(new WorkloadSpec(3, 100, "atomic"))) {
        key = prepared.inputs().get(0).key();
        assertEquals(300, InlineRunner.sequential(prepared).checksum());
        assertTrue(JvmCounter.exists(key));
      }
      assertFalse(JvmCounter.exists(key));
    }
  }

  @Test
  void anUnknownVariantIsRefusedWithTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> workload.prepare(new WorkloadSpec(1, 1, "volatile")));
    assertTrue(e.getMessage().contains("'volatile'"), e.getMessage());
    assertTrue(e.getMessage().contains("actor, atomic, lock, unsynchronized"), e.getMessage());
  }

  @Test
  void aCountThatOverflowsIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> workload.prepare(new WorkloadSpec(4, Long.MAX_VALUE / 2, "atomic")));
    assertTrue(e.getMessage().contains("overflows"), e.getMessage());
  }
}
