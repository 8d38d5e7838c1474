package io.actorlab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.actor.TaskOutcome;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The gil mode behaves as CPython's threads do: two tasks never run task code at the same time, except
 * inside marked blocking sections, where the lock is released. Proven with a barrier that two tasks
 * can pass only when they run at once; no timing is measured.
 */
class GilModeTest {

  @Test
  void markedWaitsOverlapUnderTheGil() {
    assertEquals(List.of(true, true), meet("gil", true, 10_000));
  }

  @Test
  void unmarkedWaitsHoldTheGilSoTasksCannotMeet() {
    assertEquals(List.of(false, false), meet("gil", false, 1_000));
  }

  @Test
  void plainThreadsMeetWithoutMarking() {
    assertEquals(List.of(true, true), meet("threads", false, 10_000));
  }

  /** Runs two tasks that wait for each other; true for each that met the other. */
  private static List<Boolean> meet(String mode, boolean marked, long timeoutMillis) {
    String group = UUID.randomUUID().toString();
    // Registered as a user registers their own types: the suite also runs with every message serialized.
    ActorLab lab =
        ActorLab.mode(mode)
            .workers(2)
            .set("actorlab.serialization.register", List.of(Rendezvous.Meet.class.getName()));
    try (WorkerPool pool = lab.start()) {
      String task = Rendezvous.class.getName();
      Rendezvous.Meet meet = new Rendezvous.Meet(group, marked, timeoutMillis);
      CompletableFuture<TaskOutcome> first = pool.submitOutcome(task, meet);
      CompletableFuture<TaskOutcome> second = pool.submitOutcome(task, meet);
      List<TaskOutcome> outcomes = List.of(first.join(), second.join());
      outcomes.forEach(
          outcome ->
              assertTrue(
                  outcome.succeeded()
                      || outcome.errorClass().endsWith("TimeoutException")
                      || outcome.errorClass().endsWith("BrokenBarrierException"),
                  () -> "unexpected failure " + outcome));
      return outcomes.stream().map(TaskOutcome::succeeded).collect(java.util.stream.Collectors.toList());
    }
  }
}
