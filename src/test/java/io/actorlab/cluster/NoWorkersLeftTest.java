package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.actor.TaskPolicy;
import io.actorlab.api.ActorLab;
import io.actorlab.api.WorkerPool;
import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;
import io.actorlab.task.TaskFailedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When every worker JVM of a pool has died and none will replace them, the tasks still waiting for a
 * worker fail, saying why, instead of waiting forever; so do tasks submitted afterwards.
 */
class NoWorkersLeftTest {

  @AfterEach
  void nothingLeft() {
    Descendants.assertNoneLeft();
  }

  @Test
  void tasksWaitingForAWorkerFailOnceNoneIsLeft() throws Exception {
    try (WorkerPool pool =
        ActorLab.mode("processes")
            .workers(1)
            .set("actorlab.cluster.replace-dead-workers", false)
            .set("actorlab.start-timeout", "120s") // generous: a loaded machine starts JVMs slowly
            .start()) {
      CompletableFuture<Long> halting = pool.submit(new Halt(), 3L).toCompletableFuture();
      CompletableFuture<Long> waiting = pool.submit(new Echo(), 7L).toCompletableFuture();

      TaskFailedException failed = failure(waiting);
      assertEquals(TaskPolicy.NO_WORKERS, failed.errorClass(), failed::getMessage);
      assertTrue(failed.errorMessage().contains("replace-dead-workers = off"), failed.errorMessage());
      assertTrue(failed.errorMessage().contains("their output is in"), failed.errorMessage());
      failure(halting); // it killed its worker: it ends too, one way or another

      TaskFailedException later = failure(pool.submit(new Echo(), 8L).toCompletableFuture());
      assertEquals(TaskPolicy.NO_WORKERS, later.errorClass(), later::getMessage);
    }
  }

  private static TaskFailedException failure(CompletableFuture<Long> result) {
    ExecutionException thrown =
        assertThrows(ExecutionException.class, () -> result.get(60, TimeUnit.SECONDS));
    return assertInstanceOf(TaskFailedException.class, thrown.getCause());
  }

  /** Ends its worker JVM at once, as a crash would. */
  public static final class Halt implements Task<Long, Long> {
    @Override
    public Long run(Long code, TaskContext context) {
      Runtime.getRuntime().halt(code.intValue());
      return code;
    }
  }

  /** Returns its input. */
  public static final class Echo implements Task<Long, Long> {
    @Override
    public Long run(Long input, TaskContext context) {
      return input;
    }
  }
}
