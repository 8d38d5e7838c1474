package io.actorlab.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StopwatchTest {

  @Test
  void cpuIsTheDifferenceOfTwoReadings() {
    AtomicLong cpu = new AtomicLong(1_000);
    Stopwatch watch = new Stopwatch(cpu::get);
    cpu.set(4_500);
    assertEquals(3_500, watch.cpuNanos());
    assertTrue(watch.wallNanos() >= 0);
  }

  @Test
  void unavailableCpuStaysUnavailableInsteadOfZero() {
    Stopwatch watch = new Stopwatch(() -> ProcessMetrics.UNAVAILABLE);
    assertEquals(ProcessMetrics.UNAVAILABLE, watch.cpuNanos());
  }

  @Test
  void cpuThatWentBackwardsIsUnavailable() {
    AtomicLong cpu = new AtomicLong(1_000);
    Stopwatch watch = new Stopwatch(cpu::get);
    cpu.set(900); // the thread-sum fallback after a busy thread ended
    assertEquals(ProcessMetrics.UNAVAILABLE, watch.cpuNanos());
  }

  @Test
  void realClocksMoveForward() throws InterruptedException {
    Stopwatch watch = Stopwatch.start();
    Thread.sleep(5);
    assertTrue(watch.wallNanos() > 0);
    assertTrue(watch.cpuNanos() >= 0);
  }
}
