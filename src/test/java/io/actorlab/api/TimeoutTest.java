package io.actorlab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.actor.TaskPolicy;
import io.actorlab.task.TaskFailedException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * actorlab.tasks.timeout in one JVM: a task past it has its thread interrupted and ends TIMED_OUT while
 * the others go on; one that ignores the interrupt is reported stuck and its late result discarded; a
 * timed-out task runs again when max-attempts allows.
 */
class TimeoutTest {

  private static final long LONG_NAP = 60_000;

  private static ActorLab lab(String mode, int workers) {
    return ActorLab.mode(mode)
        .workers(workers)
        .set("actorlab.tasks.timeout", "500ms")
        .set("actorlab.tasks.interrupt-grace", "300ms");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sequential", "threads", "thread-pool"})
  void aTaskPastItsTimeoutIsInterruptedAndTheOthersGoOn(String mode) {
    try (WorkerPool pool = lab(mode, 2).start()) {
      CompletionStage<Long> slow = pool.submit(new Nap(), LONG_NAP);
      List<Long> quick = pool.map(new Nap(), List.of(1L, 2L, 3L));

      TaskFailedException failed = failure(slow);
      assertEquals(TaskPolicy.TIMED_OUT, failed.errorClass());
      assertTrue(failed.errorMessage().contains("interrupted"), failed.errorMessage());
      assertTrue(failed.errorMessage().contains("it stopped"), failed.errorMessage());
      assertEquals(List.of(1L, 2L, 3L), quick);
      assertEquals(List.of(4L, 5L), pool.map(new Nap(), List.of(4L, 5L)), "the pool still serves");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"threads", "gil"})
  void aTaskThatIgnoresTheInterruptIsReportedStuckAndItsLateResultDiscarded(String mode) {
    String key = UUID.randomUUID().toString();
    try (WorkerPool pool = lab(mode, 1).start()) {
      try {
        TaskFailedException failed = failure(pool.submit(new Stubborn(), key));
        assertEquals(TaskPolicy.TIMED_OUT, failed.errorClass());
        assertTrue(failed.errorMessage().contains("stuck"), failed.errorMessage());
        assertTrue(failed.errorMessage().contains("cannot be killed"), failed.errorMessage());

        // The only worker is still held by the stuck task; queued work waits for it, and is not lost.
        CompletableFuture<Long> queued = pool.submit(new Nap(), 7L).toCompletableFuture();
        Stubborn.release(key);
        assertEquals(7L, queued.join());
        assertEquals(0, pool.read("stubborn"), "the late run's counter increment is discarded");
      } finally {
        Stubborn.release(key);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sequential", "threads"})
  void aTimedOutTaskRunsAgainWhenMaxAttemptsAllows(String mode) {
    try (WorkerPool pool = lab(mode, 2).set("actorlab.tasks.max-attempts", 2).start()) {
      String key = UUID.randomUUID().toString();
      // The first run sleeps past the timeout; the second returns its run number.
      int runs =
          pool.submit(new SlowFirst(), key).toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
      assertEquals(2, runs);
    }
  }

  private static TaskFailedException failure(CompletionStage<?> stage) {
    CompletionException thrown =
        assertThrows(
            CompletionException.class,
            () -> stage.toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join());
    assertTrue(thrown.getCause() instanceof TaskFailedException, () -> "not a task failure: " + thrown);
    return (TaskFailedException) thrown.getCause();
  }
}
