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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A worker JVM killed with kill -9 (or stopped with SIGTERM) in the middle of a run loses no task: the
 * coordinator downs its node at once, the task it was running goes to another worker, every result
 * arrives exactly once, and a replacement JVM is started — even when every worker dies at once.
 */
class WorkerDeathTest {

  @AfterEach
  void nothingLeft() {
    Descendants.assertNoneLeft();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "kill -9 of one worker JVM, 1, true",
    "kill -9 of both worker JVMs, 2, true",
    "SIGTERM of one worker JVM (it leaves gracefully), 1, false"
  })
  void aWorkerThatDiesMidRunLosesNoTask(String how, int victims, boolean forcibly) throws Exception {
    Workload sleep = Workloads.named("sleep").orElseThrow();
    WorkloadSpec spec = new WorkloadSpec(30, 200, null);
    RunReport expected = WorkloadRun.run(ActorLab.mode("sequential"), sleep, spec, RunListener.NONE);
    AtomicLong completed = new AtomicLong();
    try (WorkerPool pool =
        ActorLab.mode("processes").workers(2).set("actorlab.start-timeout", "120s").start()) {
      List<ProcessHandle> workers = ProcessHandle.current().children().collect(Collectors.toList());
      assertEquals(2, workers.size(), "two worker JVMs");
      CompletableFuture<RunReport> run =
          CompletableFuture.supplyAsync(() -> runOn(pool, sleep, spec, completed));
      while (completed.get() < 4) {
        Thread.sleep(20);
      }
      long doneAtKill = completed.get();
      long killedAt = System.nanoTime();
      for (ProcessHandle victim : workers.subList(0, victims)) {
        // In the middle of a task: each takes 200 ms.
        assertTrue(forcibly ? victim.destroyForcibly() : victim.destroy(), how);
      }
      for (ProcessHandle victim : workers.subList(0, victims)) {
        victim.onExit().get(30, TimeUnit.SECONDS);
      }
      while (completed.get() <= doneAtKill + 1 && !run.isDone()) {
        Thread.sleep(5);
      }
      System.out.printf(
          "%s: progress resumed %d ms after the kill%n",
          how, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
      RunReport report = run.get(120, TimeUnit.SECONDS);

      assertEquals(30, report.completed(), () -> "details: " + report.details());
      assertEquals(0, report.failed());
      assertEquals(expected.checksum(), report.checksum(), "every result exactly once, in order");
      if (victims == 1) {
        assertTrue(workers.get(1).isAlive(), "the other worker carried on");
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (ProcessHandle.current().children().filter(ProcessHandle::isAlive).count() < 2
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertEquals(
          2,
          ProcessHandle.current().children().filter(ProcessHandle::isAlive).count(),
          "replacement worker JVMs were started");
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
