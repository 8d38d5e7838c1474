package io.actorlab.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Prime counting against values anyone can look up. */
class PrimesWorkloadTest {

  @Test
  void countsThePrimesBelowABound() throws InterruptedException {
    assertEquals(0, PrimeCounting.countBelow(2));
    assertEquals(1, PrimeCounting.countBelow(3));
    assertEquals(4, PrimeCounting.countBelow(10));
    assertEquals(25, PrimeCounting.countBelow(100));
    assertEquals(1229, PrimeCounting.countBelow(10_000));
  }

  @Test
  void tellsPrimesFromComposites() {
    for (long prime : List.of(2L, 3L, 5L, 7919L, 2_147_483_647L)) {
      assertTrue(PrimeCounting.isPrime(prime), prime + " is prime");
    }
    for (long other : List.of(-7L, 0L, 1L, 4L, 9L, 7917L, 2_147_483_649L)) {
      assertFalse(PrimeCounting.isPrime(other), other + " is not prime");
    }
  }

  @Test
  void checksumIsTheSumOfEveryTasksCount() throws Exception {
    try (PreparedWorkload<?, ?> prepared =
        new PrimesWorkload().prepare(new WorkloadSpec(1, 1_000, null))) {
      assertEquals(168, InlineRunner.sequential(prepared).checksum());
    }
    try (PreparedWorkload<?, ?> prepared =
        new PrimesWorkload().prepare(new WorkloadSpec(3, 1_000, null))) {
      WorkloadResult result = InlineRunner.sequential(prepared);
      assertEquals(3 * 168, result.checksum());
      assertEquals(168L, result.details().get("primes_per_task"));
    }
  }

  @Test
  void anInterruptedCountStops() {
    Thread.currentThread().interrupt();
    try {
      assertThrows(InterruptedException.class, () -> PrimeCounting.countBelow(1_000_000_000L));
    } finally {
      Thread.interrupted();
    }
  }
}
