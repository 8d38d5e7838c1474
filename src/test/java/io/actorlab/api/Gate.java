package io.actorlab.api;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Returns its index, first waiting (at most 30 s) while a test holds its gate closed; says when it
 * has started. Lets a test hold a worker at a chosen task of a chunk, in this JVM.
 */
public final class Gate implements Task<Gate.Pass, Integer> {

  private static final Map<Pass, CountDownLatch> CLOSED = new ConcurrentHashMap<>();
  private static final Map<Pass, CountDownLatch> STARTED = new ConcurrentHashMap<>();

  /** Task {@code index} of the test's group {@code key}. */
  public record Pass(String key, int index) {}

  /** Runs of {@code pass} wait until it is opened. */
  public static void close(Pass pass) {
    CLOSED.put(pass, new CountDownLatch(1));
  }

  /** Lets runs of {@code pass} return. */
  public static void open(Pass pass) {
    CLOSED.remove(pass).countDown();
  }

  /** Waits (at most 30 s) until a run of {@code pass} has started. */
  public static void awaitStarted(Pass pass) throws InterruptedException {
    if (!started(pass).await(30, TimeUnit.SECONDS)) {
      throw new AssertionError(pass + " did not start within 30 s");
    }
  }

  private static CountDownLatch started(Pass pass) {
    return STARTED.computeIfAbsent(pass, started -> new CountDownLatch(1));
  }

  @Override
  public Integer run(Pass pass, TaskContext context) throws InterruptedException {
    started(pass).countDown();
    CountDownLatch gate = CLOSED.get(pass);
    if (gate != null && !gate.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException(pass + " was not opened within 30 s");
    }
    return pass.index();
  }
}
