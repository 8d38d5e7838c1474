package io.actorlab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * map and stream read their inputs only as results are taken, at most actorlab.tasks.max-pending
 * ahead, so a map over a million inputs runs in flat memory and completes.
 */
class BackPressureTest {

  /** Counts the inputs taken from it. */
  private static final class CountingInputs implements Iterator<Integer> {
    private final int size;
    private final AtomicLong taken = new AtomicLong();

    CountingInputs(int size) {
      this.size = size;
    }

    @Override
    public boolean hasNext() {
      return taken.get() < size;
    }

    @Override
    public Integer next() {
      return (int) taken.getAndIncrement();
    }
  }

  @Test
  void inputsAreReadOnlyAsResultsAreTaken() {
    int maxPending = 4;
    CountingInputs inputs = new CountingInputs(200);
    try (WorkerPool pool =
        ActorLab.mode("threads").workers(2).set("actorlab.tasks.max-pending", maxPending).start()) {
      Iterator<Long> outputs = pool.stream(new Square(), inputs).iterator();
      long taken = 0;
      while (outputs.hasNext()) {
        assertEquals(taken * taken, outputs.next());
        taken++;
        assertTrue(
            inputs.taken.get() <= taken + maxPending,
            "read " + inputs.taken.get() + " inputs with " + taken + " results taken");
      }
      assertEquals(200, taken);
    }
  }

  @Test
  void mapOfAnIterableKeepsInputOrder() {
    try (WorkerPool pool =
        ActorLab.mode("threads").workers(2).set("actorlab.tasks.max-pending", 3).start()) {
      List<Integer> inputs = IntStream.range(0, 50).boxed().collect(Collectors.toList());
      assertEquals(
          inputs.stream().map(i -> (long) i * i).collect(Collectors.toList()),
          pool.map(new Square(), inputs::iterator));
    }
  }

  @Test
  void aMillionTasksComplete() {
    int tasks = 1_000_000;
    try (WorkerPool pool = ActorLab.mode("threads").workers(2).start()) {
      long sum = pool.stream(new Square(), new CountingInputs(tasks)).mapToLong(Long::longValue).sum();
      assertEquals(LongStream.range(0, tasks).map(i -> i * i).sum(), sum);
    }
  }
}
