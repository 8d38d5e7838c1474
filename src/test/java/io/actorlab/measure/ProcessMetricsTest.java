package io.actorlab.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ProcessMetricsTest {

  private static final long MB = 1L << 20;

  /** Keeps the JIT from removing the loop. */
  private static volatile long sink;

  @Test
  void cpuTimeIncreasesAfterBurningCpu() {
    long before = ProcessMetrics.cpuNanos();
    burnCpu();
    long after = ProcessMetrics.cpuNanos();
    assertTrue(before >= 0, "process CPU time is available on this JVM");
    assertTrue(after - before > 0, "CPU time went from " + before + " to " + after);
  }

  @Test
  void liveThreadsFallbackIncreasesAfterBurningCpu() {
    long before = ProcessMetrics.liveThreadsCpuNanos();
    burnCpu();
    long after = ProcessMetrics.liveThreadsCpuNanos();
    assertTrue(before >= 0, "thread CPU time is available on this JVM");
    assertTrue(after - before > 0, "thread CPU time went from " + before + " to " + after);
  }

  @Test
  void availableCoresIsPositive() {
    assertTrue(ProcessMetrics.availableCores() >= 1);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void runQueueWaitGrowsWhileMoreThreadsThanCoresCompute() throws InterruptedException {
    // More computing threads than cores: this one must wait for a core now and then.
    int spinners = ProcessMetrics.availableCores() + 1;
    AtomicBoolean stop = new AtomicBoolean();
    Thread[] threads = new Thread[spinners];
    for (int i = 0; i < spinners; i++) {
      threads[i] = new Thread(() -> {
        while (!stop.get()) {
          sink++;
        }
      });
      threads[i].start();
    }
    long before = ProcessMetrics.threadRunQueueNanos();
    try {
      burnCpu();
    } finally {
      stop.set(true);
      for (Thread thread : threads) {
        thread.join(10_000);
      }
    }
    long after = ProcessMetrics.threadRunQueueNanos();
    assertTrue(before >= 0, "run-queue time is available: " + before);
    assertTrue(after > before, "run-queue time went from " + before + " to " + after);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void peakRssIsPositiveAndAtLeastCurrent() {
    long current = ProcessMetrics.currentRssBytes();
    long peak = ProcessMetrics.peakRssBytes();
    assertTrue(current > 0, "current RSS " + current);
    assertTrue(peak >= current, "peak " + peak + " < current " + current);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void peakRssGrowsAfterTouchingMemory() {
    long peakBefore = ProcessMetrics.peakRssBytes();
    long currentBefore = ProcessMetrics.currentRssBytes();
    // 64 MB more than the gap between peak and now, so the new high-water mark must pass the old one.
    long size = 64 * MB + Math.max(0, peakBefore - currentBefore);
    ByteBuffer block = ByteBuffer.allocateDirect(Math.toIntExact(size));
    for (int i = 0; i < block.capacity(); i += 4096) {
      block.put(i, (byte) 1);
    }
    long peakAfter = ProcessMetrics.peakRssBytes();
    sink = block.get(block.capacity() - 4096);
    assertTrue(peakAfter > peakBefore, "peak went from " + peakBefore + " to " + peakAfter);
    assertTrue(
        peakAfter >= currentBefore + 48 * MB,
        "peak " + peakAfter + " should hold the touched 64 MB on top of " + currentBefore);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void readsThisProcessByPid() {
    long pid = ProcessHandle.current().pid();
    long current = ProcessMetrics.currentRssBytes(pid);
    long peak = ProcessMetrics.peakRssBytes(pid);
    assertTrue(current > 0, "current RSS " + current);
    assertTrue(peak >= current, "peak " + peak + " < current " + current);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void readsAnotherProcessByPidUntilItIsGone() throws Exception {
    Process sleep = new ProcessBuilder("sleep", "5").start();
    try {
      long current = ProcessMetrics.currentRssBytes(sleep.pid());
      long peak = ProcessMetrics.peakRssBytes(sleep.pid());
      assertTrue(current > 0, "current RSS of sleep " + current);
      assertTrue(peak >= current, "peak " + peak + " < current " + current);
    } finally {
      sleep.destroyForcibly();
      assertTrue(sleep.waitFor(10, TimeUnit.SECONDS), "sleep did not end");
    }
    assertFalse(sleep.isAlive());
    assertEquals(ProcessMetrics.UNAVAILABLE, ProcessMetrics.currentRssBytes(sleep.pid()));
    assertEquals(ProcessMetrics.UNAVAILABLE, ProcessMetrics.peakRssBytes(sleep.pid()));
  }

  @Test
  void garbagePidsAreUnavailable() {
    for (long pid : new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
      assertEquals(ProcessMetrics.UNAVAILABLE, ProcessMetrics.currentRssBytes(pid), "pid " + pid);
      assertEquals(ProcessMetrics.UNAVAILABLE, ProcessMetrics.peakRssBytes(pid), "pid " + pid);
    }
  }

  @Test
  void parsesStatusFieldsInKilobytes() {
    String status =
        "Name:\tjava\nVmPeak:\t 5000000 kB\nVmHWM:\t   83412 kB\nVmRSS:\t   81000 kB\nThreads:\t42\n";
    assertEquals(83412 * 1024L, ProcessMetrics.parseStatusBytes(status, "VmHWM"));
    assertEquals(81000 * 1024L, ProcessMetrics.parseStatusBytes(status, "VmRSS"));
  }

  @Test
  void parsesOtherUnitsAndSpacing() {
    assertEquals(2 * MB, ProcessMetrics.parseStatusBytes("VmRSS: 2 MB", "VmRSS"));
    assertEquals(3L << 30, ProcessMetrics.parseStatusBytes("VmRSS:3 gb", "VmRSS"));
    assertEquals(512, ProcessMetrics.parseStatusBytes("VmRSS:\t512", "VmRSS"));
    assertEquals(1024, ProcessMetrics.parseStatusBytes("x: y\r\nVmRSS:  1 KB  \r\n", "VmRSS"));
  }

  @Test
  void malformedOrMissingFieldsAreUnavailable() {
    long na = ProcessMetrics.UNAVAILABLE;
    assertEquals(na, ProcessMetrics.parseStatusBytes("", "VmRSS"));
    assertEquals(na, ProcessMetrics.parseStatusBytes("Name:\tjava\n", "VmRSS"));
    assertEquals(na, ProcessMetrics.parseStatusBytes("VmRSSX:\t1 kB", "VmRSS"));
    assertEquals(na, ProcessMetrics.parseStatusBytes("VmRSS:", "VmRSS"));
    assertEquals(na, ProcessMetrics.parseStatusBytes("VmRSS:\tlots kB", "VmRSS"));
    assertEquals(na, ProcessMetrics.parseStatusBytes("VmRSS:\t1 parsecs", "VmRSS"));
    assertEquals(na, ProcessMetrics.parseStatusBytes("VmRSS:\t-5 kB", "VmRSS"));
    assertEquals(na, ProcessMetrics.parseStatusBytes("VmRSS:\t1 kB extra", "VmRSS"));
    assertEquals(na, ProcessMetrics.parseStatusBytes("VmRSS:\t99999999999999999 GB", "VmRSS"));
  }

  private static void burnCpu() {
    long x = 0;
    for (int i = 0; i < 200_000_000; i++) {
      x += i * 31L ^ (x >>> 7);
    }
    sink = x;
  }
}
