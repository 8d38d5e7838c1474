package io.actorlab.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.testing.Concurrently;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

  private static final int THREADS = 4;
  private static final int PER_THREAD = 10_000;

  @Test
  void emptyIsNone() {
    LatencyRecorder recorder = new LatencyRecorder();
    assertEquals(LatencySummary.NONE, recorder.summary());
    assertEquals(0, recorder.count());
  }

  @Test
  void fourThreadsRecordEveryValueAndPercentilesBracketKnownValues() throws Exception {
    LatencyRecorder recorder = new LatencyRecorder();
    Concurrently.run(
        THREADS,
        Duration.ofSeconds(30),
        () -> {
          for (int i = 1; i <= PER_THREAD; i++) {
            recorder.record(TimeUnit.MICROSECONDS.toNanos(i)); // 1 µs .. 10 ms
          }
        });

    assertEquals((long) THREADS * PER_THREAD, recorder.count());
    LatencySummary summary = recorder.summary();
    assertWithinPrecision(5_000_000, summary.p50());
    assertWithinPrecision(9_900_000, summary.p99());
    assertWithinPrecision(10_000_000, summary.max());
  }

  @Test
  void summaryMidRunKeepsEarlierValues() {
    LatencyRecorder recorder = new LatencyRecorder();
    recorder.record(2_000_000);
    assertWithinPrecision(2_000_000, recorder.summary().max());
    recorder.record(1_000_000);
    assertEquals(2, recorder.count());
    assertWithinPrecision(2_000_000, recorder.summary().max());
  }

  @Test
  void longerThanAnHourIsRecordedAsAnHour() {
    LatencyRecorder recorder = new LatencyRecorder();
    recorder.record(TimeUnit.HOURS.toNanos(5));
    assertWithinPrecision(LatencyRecorder.HIGHEST_NANOS, recorder.summary().max());
  }

  @Test
  void negativeLatencyIsRejected() {
    LatencyRecorder recorder = new LatencyRecorder();
    assertThrows(IllegalArgumentException.class, () -> recorder.record(-1));
  }

  /** Three significant digits: HdrHistogram may report a value up to 0.1% away from the true one. */
  private static void assertWithinPrecision(long expected, long actual) {
    assertTrue(
        Math.abs(actual - expected) <= expected / 1000,
        "expected " + expected + " ns within 0.1%, got " + actual);
  }
}
