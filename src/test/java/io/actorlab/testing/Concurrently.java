package io.actorlab.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs one piece of test code on several threads released at the same instant. */
public final class Concurrently {

  /** What each thread runs. */
  @FunctionalInterface
  public interface Body {
    void run() throws Exception;
  }

  private Concurrently() {}

  /**
   * Starts {@code threads} threads, releases them together into {@code body}, and returns once all
   * have finished; a failure in any thread is thrown here (wrapped), and so is a thread still running
   * after {@code timeout}. The threads are stopped either way.
   */
  public static void run(int threads, Duration timeout, Body body) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  body.run();
                  return null;
                }));
      }
      go.countDown();
      long deadline = System.nanoTime() + timeout.toNanos();
      for (Future<?> f : done) {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
