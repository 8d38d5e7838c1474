package io.actorlab.measure;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Per-task latencies in nanoseconds, recorded from any number of threads at once, summarised as
 * p50 / p99 / max with three significant digits (an error of at most 0.1%) from 1 µs to 1 h.
 *
 * <p>Concurrency: {@link #record(long)} goes to an HdrHistogram {@link Recorder}, which is wait-free,
 * so recording threads never block each other or a reader. {@link #summary()} and {@link #count()} move
 * what was recorded since the last call into a running total under this object's lock, so they can be
 * called mid-run and always see a consistent snapshot.
 */
public final class LatencyRecorder {

  /** The smallest latency told apart from zero: 1 µs. */
  public static final long LOWEST_NANOS = TimeUnit.MICROSECONDS.toNanos(1);

  /** The largest latency kept; longer ones are recorded as this: 1 h. */
  public static final long HIGHEST_NANOS = TimeUnit.HOURS.toNanos(1);

  private static final int SIGNIFICANT_DIGITS = 3;

  private final Recorder recorder = new Recorder(LOWEST_NANOS, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
  private final Histogram total = new Histogram(LOWEST_NANOS, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
  private Histogram interval; // recycled between drains; guarded by this

  /**
   * Records one task's latency; safe from any thread.
   *
   * @param nanos the latency; values above {@link #HIGHEST_NANOS} are recorded as that
   * @throws IllegalArgumentException when {@code nanos} is negative (two clocks were mixed up)
   */
  public void record(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("latency must not be negative, was " + nanos + " ns");
    }
    recorder.recordValue(Math.min(nanos, HIGHEST_NANOS));
  }

  /** How many latencies were recorded so far. */
  public synchronized long count() {
    drain();
    return total.getTotalCount();
  }

  /** p50, p99 and max of everything recorded so far, or {@link LatencySummary#NONE} when nothing was. */
  public synchronized LatencySummary summary() {
    drain();
    if (total.getTotalCount() == 0) {
      return LatencySummary.NONE;
    }
    return new LatencySummary(
        total.getValueAtPercentile(50), total.getValueAtPercentile(99), total.getMaxValue());
  }

  private void drain() {
    interval = recorder.getIntervalHistogram(interval);
    total.add(interval);
  }
}
