package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.api.ActorLab;
import io.actorlab.api.RunListener;
import io.actorlab.api.WorkerPool;
import io.actorlab.api.WorkloadRun;
import io.actorlab.measure.RunReport;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadSpec;
import io.actorlab.workload.Workloads;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker JVM killed with kill -9 in the middle of a run loses no task: the coordinator downs its node
 * at once, the task it was running goes to the other worker, every result arrives exactly once, and a
 * replacement JVM is started.
 */
class WorkerDeathTest {

  @AfterEach
  void nothingLeft() {
    Descendants.assertNoneLeft();
  }

  @Test
  void aKilledWorkerLosesNoTask() throws Exception {
    Workload sleep = Workloads.named("sleep").orElseThrow();
    WorkloadSpec spec = new WorkloadSpec(30, 200, null);
    RunReport expected = WorkloadRun.run(ActorLab.mode("sequential"), sleep, spec, RunListener.NONE);
    AtomicLong completed = new AtomicLong();
    try (WorkerPool pool = ActorLab.mode("processes").workers(2).start()) {
      List<ProcessHandle> workers = ProcessHandle.current().children().collect(Collectors.toList());
      assertEquals(2, workers.size(), "two worker JVMs");
      CompletableFuture<RunReport> run =
          CompletableFuture.supplyAsync(() -> runOn(pool, sleep, spec, completed));
      while (completed.get() < 4) {
        Thread.sleep(20);
      }
      ProcessHandle victim = workers.get(0);
      assertTrue(victim.destroyForcibly(), "kill -9 of a worker JVM"); // in the middle of a task
      victim.onExit().get(10, TimeUnit.SECONDS);
      RunReport report = run.get(120, TimeUnit.SECONDS);

      assertEquals(30, report.completed(), () -> "details: " + report.details());
      assertEquals(0, report.failed());
      assertEquals(expected.checksum(), report.checksum(), "every result exactly once, in order");
      assertTrue(workers.get(1).isAlive(), "the other worker carried on");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (ProcessHandle.current().children().filter(ProcessHandle::isAlive).count() < 2
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertEquals(
          2,
          ProcessHandle.current().children().filter(ProcessHandle::isAlive).count(),
          "a replacement worker JVM was started");
    }
  }

  private static RunReport runOn(
      WorkerPool pool, Workload workload, WorkloadSpec spec, AtomicLong completed) {
    try {
      return WorkloadRun.runOn(pool, workload, spec, completed::set);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
