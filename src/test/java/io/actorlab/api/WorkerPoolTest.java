package io.actorlab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.task.Task;
import io.actorlab.task.TaskFailedException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

  @ParameterizedTest
  @ValueSource(strings = {"sequential", "threads", "thread-pool", "pinned", "gil", "serialize-local"})
  void mapReturnsResultsInInputOrder(String mode) {
    List<Integer> inputs = IntStream.range(0, 200).boxed().collect(Collectors.toList());
    try (WorkerPool pool = ActorLab.mode(mode).workers(2).start()) {
      List<Long> squares = pool.map(new Square(), inputs);
      assertEquals(
          inputs.stream().map(i -> (long) i * i).collect(Collectors.toList()), squares);
    }
  }

  @Test
  void submitCompletesWithOutputOrFailure() throws Exception {
    try (WorkerPool pool = ActorLab.mode("threads").workers(2).start()) {
      assertEquals(49L, pool.submit(new Square(), 7).toCompletableFuture().get(10, TimeUnit.SECONDS));
      CompletionException failed =
          assertThrows(
              CompletionException.class,
              () -> pool.submit(new Square(), -1).toCompletableFuture().join());
      TaskFailedException cause = (TaskFailedException) failed.getCause();
      assertEquals(IllegalArgumentException.class.getName(), cause.errorClass());
      assertEquals("negative input -1", cause.errorMessage());
    }
  }

  @Test
  void mapRunsEveryTaskAndThrowsTheFirstFailureInOrder() {
    try (WorkerPool pool = ActorLab.mode("threads").workers(2).start()) {
      TaskFailedException failed =
          assertThrows(
              TaskFailedException.class, () -> pool.map(new Square(), List.of(1, -2, 3, -4)));
      assertEquals("negative input -2", failed.errorMessage());
    }
  }

  @Test
  void lambdasAreRefusedAtSubmitWithTheFix() {
    try (WorkerPool pool = ActorLab.mode("threads").workers(1).start()) {
      Task<Integer, Integer> lambda = (input, context) -> input;
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> pool.submit(lambda, 1));
      assertTrue(refused.getMessage().contains("public no-argument constructor"), refused.getMessage());
    }
  }

  @Test
  void aClosedPoolRefusesWork() {
    WorkerPool pool = ActorLab.mode("threads").workers(1).start();
    pool.close();
    pool.close();
    assertThrows(IllegalStateException.class, () -> pool.submit(new Square(), 1));
  }
}
