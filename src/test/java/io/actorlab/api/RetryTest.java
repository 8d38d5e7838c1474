package io.actorlab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.actorlab.task.TaskFailedException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A task that throws is retried up to actorlab.tasks.max-attempts, then reported failed with its
 * exception; other tasks go on, and a poison task is not retried forever.
 */
class RetryTest {

  private static ActorLab lab(int maxAttempts) {
    // Registered as a user would: the suite also runs with every message serialized.
    return ActorLab.mode("threads")
        .workers(2)
        .set("actorlab.tasks.max-attempts", maxAttempts)
        .set("actorlab.serialization.register", List.of(FlakyTask.Input.class.getName()));
  }

  @Test
  void noRetryByDefault() {
    try (WorkerPool pool = lab(1).start()) {
      TaskFailedException failed =
          assertThrows(
              TaskFailedException.class,
              () -> pool.map(new FlakyTask(), List.of(new FlakyTask.Input(key(), 1))));
      assertEquals(IllegalStateException.class.getName(), failed.errorClass());
    }
  }

  @Test
  void aFlakyTaskSucceedsOnItsSecondAttempt() {
    try (WorkerPool pool = lab(3).start()) {
      assertEquals(
          List.of(2, 1),
          pool.map(
              new FlakyTask(), List.of(new FlakyTask.Input(key(), 1), new FlakyTask.Input(key(), 0))));
    }
  }

  @Test
  void aPoisonTaskFailsAfterMaxAttemptsAndTheOthersComplete() {
    String poison = key();
    try (WorkerPool pool = lab(3).start()) {
      TaskFailedException failed =
          assertThrows(
              TaskFailedException.class,
              () ->
                  pool.map(
                      new FlakyTask(),
                      List.of(new FlakyTask.Input(key(), 0), new FlakyTask.Input(poison, 1_000))));
      assertEquals("run 3 of " + poison + " fails", failed.errorMessage());
      // Exactly three runs happened: the next run of the same key is the fourth.
      assertEquals(
          4, pool.submit(new FlakyTask(), new FlakyTask.Input(poison, 0)).toCompletableFuture().join());
    }
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }
}
