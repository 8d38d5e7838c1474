package io.actorlab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * actorlab.tasks.prefetch hands a worker several tasks at once; each worker still runs one task at a
 * time, results still come in input order, and none is lost when workers are renewed.
 */
class PrefetchTest {

  /** Counts how many runs overlap, across every worker of the JVM; blocking, to use that path too. */
  public static final class Overlap implements Task<Integer, Integer> {
    static final AtomicInteger RUNNING = new AtomicInteger();
    static final AtomicInteger MOST = new AtomicInteger();

    @Override
    public Integer run(Integer input, TaskContext context) throws InterruptedException {
      int now = RUNNING.incrementAndGet();
      MOST.accumulateAndGet(now, Math::max);
      try {
        Thread.sleep(2);
        return input;
      } finally {
        RUNNING.decrementAndGet();
      }
    }

    @Override
    public boolean blocking() {
      return true;
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"threads", "thread-pool"})
  void eachWorkerStillRunsOneTaskAtATime(String mode) {
    List<Integer> inputs = IntStream.range(0, 60).boxed().collect(Collectors.toList());
    Overlap.MOST.set(0);
    try (WorkerPool pool =
        ActorLab.mode(mode).workers(2).set("actorlab.tasks.prefetch", 8).start()) {
      assertEquals(inputs, pool.map(new Overlap(), inputs));
    }
    assertTrue(Overlap.MOST.get() <= 2, "at most one run per worker at once: " + Overlap.MOST.get());
  }

  @ParameterizedTest(name = "prefetch {0}")
  @ValueSource(ints = {1, 4})
  void renewedWorkersLoseNoPrefetchedTask(int prefetch) {
    try (WorkerPool pool =
        ActorLab.mode("threads")
            .workers(2)
            .set("actorlab.tasks.prefetch", prefetch)
            .set("actorlab.tasks.max-tasks-per-worker", 3)
            .start()) {
      List<Integer> inputs = IntStream.range(0, 40).boxed().collect(Collectors.toList());
      assertEquals(
          inputs.stream().map(i -> (long) i * i).collect(Collectors.toList()),
          pool.map(new Square(), inputs));
    }
  }
}
