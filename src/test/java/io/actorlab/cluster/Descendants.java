package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Checks that a test left no process of its own running, and kills any it finds. */
public final class Descendants {

  private Descendants() {}

  /** Fails, after killing them, when processes started by this JVM are still alive a moment later. */
  public static void assertNoneLeft() {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    List<ProcessHandle> alive = alive();
    while (!alive.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      alive = alive();
    }
    if (!alive.isEmpty()) {
      String names =
          alive.stream()
              .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
              .collect(Collectors.joining("\n"));
      alive.forEach(ProcessHandle::destroyForcibly);
      fail("processes left running:\n" + names);
    }
  }

  private static List<ProcessHandle> alive() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).collect(Collectors.toList());
  }
}
