package io.actorlab.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;

/** Checks on processes a test started, directly or not. */
public final class Processes {

  private Processes() {}

  /** Fails unless every one of {@code processes} has exited within {@code within}, all together. */
  public static void assertAllExit(List<ProcessHandle> processes, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    for (ProcessHandle process : processes) {
      while (process.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertFalse(
          process.isAlive(), () -> "still running: " + process.info().commandLine().orElse("?"));
    }
  }
}
