package io.actorlab.measure;

import java.util.function.LongSupplier;

/**
 * Wall-clock time and process CPU time elapsed since it started: the two figures every run reports,
 * taken over the same interval.
 *
 * <p>It exists for the CPU half. A plain difference of two {@link ProcessMetrics#cpuNanos()} readings
 * would turn "unavailable" (-1 both times) into a plausible 0 s; this class reports -1 instead, and also
 * when the thread-sum fallback went backwards because threads ended during the interval.
 */
public final class Stopwatch {

  private final LongSupplier cpuClock;
  private final long startWall;
  private final long startCpu;

  Stopwatch(LongSupplier cpuClock) {
    this.cpuClock = cpuClock;
    this.startWall = System.nanoTime();
    this.startCpu = cpuClock.getAsLong();
  }

  /** Starts timing this JVM now. */
  public static Stopwatch start() {
    return new Stopwatch(ProcessMetrics::cpuNanos);
  }

  /** Wall-clock nanoseconds since {@link #start()}. */
  public long wallNanos() {
    return System.nanoTime() - startWall;
  }

  /** CPU nanoseconds this JVM spent (all threads) since {@link #start()}, or -1 when unavailable. */
  public long cpuNanos() {
    if (startCpu < 0) {
      return ProcessMetrics.UNAVAILABLE;
    }
    long now = cpuClock.getAsLong();
    return now < startCpu ? ProcessMetrics.UNAVAILABLE : now - startCpu;
  }
}
