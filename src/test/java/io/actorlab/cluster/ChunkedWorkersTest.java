package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.actor.TaskPolicy;
import io.actorlab.api.ActorLab;
import io.actorlab.api.Nap;
import io.actorlab.api.RunListener;
import io.actorlab.api.Stubborn;
import io.actorlab.api.WorkerPool;
import io.actorlab.api.WorkloadRun;
import io.actorlab.measure.RunReport;
import io.actorlab.task.TaskFailedException;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadSpec;
import io.actorlab.workload.Workloads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * actorlab.tasks.batch-size across processes: chunks of tasks cross in one message each way, results
 * match the sequential baseline, a worker JVM killed with chunks in flight loses none of their tasks,
 * and a task that hangs inside a chunk ends TIMED_OUT while the rest of its chunk runs elsewhere.
 */
class ChunkedWorkersTest {

  @AfterEach
  void nothingLeft() {
    Descendants.assertNoneLeft();
  }

  @Test
  void chunksComputeTheSequentialResultsAndAKilledWorkerLosesNoneOfThem() throws Exception {
    Workload sumLoop = Workloads.named("sum-loop").orElseThrow();
    WorkloadSpec many = new WorkloadSpec(300, 1_000, null);
    Workload sleep = Workloads.named("sleep").orElseThrow();
    WorkloadSpec naps = new WorkloadSpec(40, 100, null);
    RunReport expectedSums =
        WorkloadRun.run(ActorLab.mode("sequential"), sumLoop, many, RunListener.NONE);
    RunReport expectedNaps =
        WorkloadRun.run(ActorLab.mode("sequential"), sleep, naps, RunListener.NONE);
    try (WorkerPool pool =
        ActorLab.mode("processes")
            .workers(2)
            .set("actorlab.tasks.batch-size", 4)
            .set("actorlab.tasks.prefetch", 2)
            .set("actorlab.start-timeout", "120s") // generous: a loaded machine starts JVMs slowly
            .start()) {
      RunReport sums = WorkloadRun.runOn(pool, sumLoop, many, RunListener.NONE);
      assertEquals(300, sums.completed(), () -> "details: " + sums.details());
      assertEquals(expectedSums.checksum(), sums.checksum(), "every result exactly once, in order");

      List<ProcessHandle> workers = ProcessHandle.current().children().collect(Collectors.toList());
      assertEquals(2, workers.size(), "two worker JVMs");
      AtomicLong completed = new AtomicLong();
      CompletableFuture<RunReport> run =
          CompletableFuture.supplyAsync(() -> runOn(pool, sleep, naps, completed));
      while (completed.get() < 6 && !run.isDone()) {
        Thread.sleep(20);
      }
      // Each worker holds two chunks of four 100 ms naps: the victim dies with up to eight in flight.
      assertTrue(workers.get(0).destroyForcibly());
      workers.get(0).onExit().get(30, TimeUnit.SECONDS);
      RunReport report = run.get(120, TimeUnit.SECONDS);

      assertEquals(40, report.completed(), () -> "details: " + report.details());
      assertEquals(0, report.failed());
      assertEquals(expectedNaps.checksum(), report.checksum(), "every result exactly once, in order");
    }
  }

  @Test
  void aTaskThatHangsInAChunkIsTimedOutAndTheRestOfItsChunkRunsOnTheNextWorker() throws Exception {
    try (WorkerPool pool =
        ActorLab.mode("processes")
            .workers(1)
            .set("actorlab.tasks.batch-size", 4)
            .set("actorlab.tasks.timeout", "10s")
            .set("actorlab.start-timeout", "120s")
            .start()) {
      // Holds the only worker while the next four queue, so that they go out as one chunk.
      CompletableFuture<Long> first = pool.submit(new Nap(), 1_500L).toCompletableFuture();
      List<CompletableFuture<?>> chunk = new ArrayList<>();
      chunk.add(pool.submit(new Nap(), 1L).toCompletableFuture());
      // Spins in its worker JVM, ignoring interrupts, until that JVM is killed.
      chunk.add(pool.submit(new Stubborn(), UUID.randomUUID().toString()).toCompletableFuture());
      chunk.add(pool.submit(new Nap(), 2L).toCompletableFuture());
      chunk.add(pool.submit(new Nap(), 3L).toCompletableFuture());
      assertEquals(1_500L, first.get(60, TimeUnit.SECONDS));

      ExecutionException thrown =
          assertThrows(ExecutionException.class, () -> chunk.get(1).get(120, TimeUnit.SECONDS));
      TaskFailedException failed = (TaskFailedException) thrown.getCause();
      assertEquals(TaskPolicy.TIMED_OUT, failed.errorClass());
      assertTrue(failed.errorMessage().contains("was killed"), failed.errorMessage());
      assertEquals(1L, chunk.get(0).get(120, TimeUnit.SECONDS));
      assertEquals(2L, chunk.get(2).get(120, TimeUnit.SECONDS), "run by the replacement JVM");
      assertEquals(3L, chunk.get(3).get(120, TimeUnit.SECONDS));
    }
  }

  private static RunReport runOn(
      WorkerPool pool, Workload workload, WorkloadSpec spec, AtomicLong completed) {
    try {
      return WorkloadRun.runOn(pool, workload, spec, completed::set);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
