package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.actorlab.api.ActorLab;
import io.actorlab.api.WorkerPool;
import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code prefetch = 2} in the processes mode, a slow task queued at a worker JVM behind another
 * slow one is given back by that worker's inbox and runs on the worker that ran out of work, in
 * another JVM, rather than wait its turn.
 */
class QueuedChunkReleaseTest {

  /** Sleeps the input's milliseconds and answers the id of the JVM it ran in. */
  public static final class NapWhere implements Task<Integer, Long> {
    @Override
    public Long run(Integer millis, TaskContext context) throws Exception {
      Thread.sleep(millis);
      return ProcessHandle.current().pid();
    }
  }

  @AfterEach
  void nothingLeft() {
    Descendants.assertNoneLeft();
  }

  @Test
  void aSlowTaskQueuedBehindAnotherRunsOnTheWorkerThatRanOutOfWork() {
    // t0 and t2 are slow. Two workers take t0 and t1; with more than 2 tasks a worker still waiting,
    // t2 is queued behind t0. The other worker runs t1 and t3-t7 in well under t0's 3 s, then is free
    // with nothing left to hand out: t2, not begun, is asked back and goes to it.
    List<Integer> naps = List.of(3000, 50, 3000, 50, 50, 50, 50, 50);
    try (WorkerPool pool =
        ActorLab.mode("processes").workers(2).set("actorlab.tasks.prefetch", 2).start()) {
      List<Long> ranIn = pool.map(new NapWhere(), naps);

      assertEquals(2, new HashSet<>(ranIn).size(), ranIn::toString);
      assertNotEquals(ranIn.get(0), ranIn.get(2), () -> "t2 waited behind t0: " + ranIn);
      assertEquals(ranIn.get(1), ranIn.get(2), ranIn::toString);
    }
  }
}
