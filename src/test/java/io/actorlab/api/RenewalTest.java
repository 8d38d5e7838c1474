package io.actorlab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * actorlab.tasks.max-tasks-per-worker: a worker actor in one JVM starts over with new task instances
 * after that many tasks (Python's max_tasks_per_child); by default it never does.
 */
class RenewalTest {

  private static final List<Integer> SEVEN = Collections.nCopies(7, 0);

  @Test
  void aWorkerIsRenewedAfterItsShareOfTasks() {
    try (WorkerPool pool =
        ActorLab.mode("threads").workers(1).set("actorlab.tasks.max-tasks-per-worker", 3).start()) {
      List<Long> outputs = pool.map(new Incarnation(), SEVEN);
      assertEquals(List.of(1L, 2L, 3L, 1L, 2L, 3L, 1L), runs(outputs));
      assertEquals(3, instances(outputs), "three task instances: " + outputs);
    }
  }

  @Test
  void byDefaultAWorkerKeepsItsTaskInstances() {
    try (WorkerPool pool = ActorLab.mode("threads").workers(1).start()) {
      List<Long> outputs = pool.map(new Incarnation(), SEVEN);
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), runs(outputs));
      assertEquals(1, instances(outputs));
    }
  }

  private static List<Long> runs(List<Long> outputs) {
    return outputs.stream().map(output -> output % 1000).collect(Collectors.toList());
  }

  private static long instances(List<Long> outputs) {
    return outputs.stream().map(output -> output / 1000).distinct().count();
  }
}
