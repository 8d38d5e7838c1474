package io.actorlab.samples.dispatcherstour;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the probes inside their work right now, and the most there ever were at once. */
public final class Occupancy {

  private final AtomicInteger now = new AtomicInteger();
  private final AtomicInteger max = new AtomicInteger();

  /** A probe starts holding its thread. */
  void enter() {
    max.accumulateAndGet(now.incrementAndGet(), Math::max);
  }

  /** A probe lets go of its thread. */
  void exit() {
    now.decrementAndGet();
  }

  /** The most probes that held a thread at the same time. */
  int maxAtOnce() {
    return max.get();
  }
}
