package io.actorlab.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How {@code batch-size = auto} sizes chunks from the times it is told. */
class AutoBatchTest {

  private static final long MICRO = 1_000;
  private static final long MILLI = 1_000_000;
  private static final int PLENTY = 1_000_000;

  @Test
  void startsAtOneTaskAndGrowsAtMostFourfoldPerAnsweredChunk() {
    AutoBatch batch = new AutoBatch();
    assertEquals(1, batch.next(PLENTY, 2));

    batch.answered(1, 10 * MICRO); // 10 µs a task: 2000 would take the 20 ms target
    assertEquals(4, batch.next(PLENTY, 2));
    batch.answered(4, 40 * MICRO);
    assertEquals(16, batch.next(PLENTY, 2));
  }

  @Test
  void settlesWhereAChunkTakesAboutTheTargetTime() {
    AutoBatch batch = settled(10 * MICRO);
    long chunkNanos = batch.next(PLENTY, 2) * 10 * MICRO;
    assertTrue(
        chunkNanos >= AutoBatch.TARGET_NANOS / 2 && chunkNanos <= 2 * AutoBatch.TARGET_NANOS,
        chunkNanos + " ns a chunk");
  }

  @Test
  void shrinksAtOnceWhenAChunkTakesFarLongerThanTheTarget() {
    AutoBatch batch = settled(10 * MICRO);
    int size = batch.next(PLENTY, 2);

    batch.answered(size, size * 50 * MILLI);

    assertEquals(1, batch.next(PLENTY, 2));
  }

  @Test
  void aChunkCutShortSaysNothingAboutFullOnes() {
    AutoBatch batch = settled(10 * MICRO);
    int size = batch.next(PLENTY, 2);

    batch.answered(1, 2 * MILLI); // a lone task: mostly its messages' round trip

    assertEquals(size, batch.next(PLENTY, 2));
  }

  @Test
  void neverTakesMoreThanTheQueueOverTwiceTheWorkers() {
    AutoBatch batch = settled(MICRO);
    assertEquals(2, batch.next(8, 2), "8 queued tasks over 2 workers: chunks of 2");
    assertEquals(25, batch.next(100, 2));
    assertEquals(1, batch.next(3, 2), "never less than one task");
  }

  /** An AutoBatch after 20 full chunks of tasks of {@code nanosPerTask} each. */
  private static AutoBatch settled(long nanosPerTask) {
    AutoBatch batch = new AutoBatch();
    for (int i = 0; i < 20; i++) {
      int size = batch.next(PLENTY, 2);
      batch.answered(size, size * nanosPerTask);
    }
    return batch;
  }
}
