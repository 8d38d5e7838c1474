package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.actor.Worker;
import io.actorlab.api.ActorLab;
import io.actorlab.api.RunListener;
import io.actorlab.api.WarmPool;
import io.actorlab.api.WorkloadRun;
import io.actorlab.measure.BoundaryStats;
import io.actorlab.measure.RunReport;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadSpec;
import io.actorlab.workload.Workloads;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A {@link WarmPool} of the processes mode keeps its worker JVM across runs, measures each run on its
 * own, and replaces a pool whose worker JVM is gone rather than fail the run.
 */
class WarmPoolTest {

  private static final int TASKS = 4;
  private static final WorkloadSpec SPEC = new WorkloadSpec(TASKS, 2_000, null);

  @AfterEach
  void nothingLeft() {
    Descendants.assertNoneLeft();
  }

  private static ActorLab processes() {
    return ActorLab.mode("processes")
        .workers(1)
        .set("actorlab.start-timeout", "120s"); // generous: a loaded machine starts JVMs slowly
  }

  /** The worker JVMs running: the pool runs in this JVM, so they are the processes it started. */
  private static List<Long> workerJvms() {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .map(ProcessHandle::pid)
        .collect(Collectors.toList());
  }

  @Test
  void laterRunsReuseTheWorkerJvmAndReportOnlyTheirOwnTraffic() throws Exception {
    Workload primes = Workloads.named("primes").orElseThrow();
    try (WarmPool warm = new WarmPool(processes())) {
      RunReport first = warm.run(primes, SPEC, RunListener.NONE);
      List<Long> workers = workerJvms();
      RunReport second = warm.run(primes, SPEC, RunListener.NONE);
      RunReport third = warm.run(primes, SPEC, RunListener.NONE);

      assertEquals(1, workers.size(), "one worker JVM: " + workers);
      assertEquals(workers, workerJvms(), "the same worker JVM served every run");
      assertEquals(RunReport.Pool.STARTED, first.pool());
      assertTrue(first.startupNanos() > 0, "the run that started the pool has its start-up");
      for (RunReport reused : List.of(second, third)) {
        assertEquals(RunReport.Pool.REUSED, reused.pool());
        assertEquals(-1, reused.startupNanos(), "a reused pool had no start-up in this run");
        assertEquals(TASKS, reused.completed());
        assertEquals(first.checksum(), reused.checksum());
      }
      // Per run, not since the pool started: each run sent its own tasks, as many as the first did
      // (once each across the wire; twice under -Dpekko.actor.serialize-messages=on, which also
      // serializes them in this JVM), and as many bytes.
      long perRun = sentTasks(first);
      assertTrue(perRun >= TASKS, "every task crossed: " + first.boundary());
      for (RunReport run : List.of(second, third)) {
        assertEquals(perRun, sentTasks(run), "task messages of one run: " + run.boundary());
        assertEquals(first.boundary().bytes(), run.boundary().bytes(), perRun * 2.0, "not cumulative");
      }
    }
  }

  private static long sentTasks(RunReport run) {
    BoundaryStats.Traffic traffic = run.boundary().byType().get(Worker.Run.class.getName());
    return traffic == null ? 0 : traffic.sent();
  }

  @Test
  void aPoolWhoseWorkerJvmIsGoneIsReplacedAndTheRunSaysWhy() throws Exception {
    Workload primes = Workloads.named("primes").orElseThrow();
    try (WarmPool warm =
        new WarmPool(processes().set("actorlab.cluster.replace-dead-workers", false))) {
      RunReport first = warm.run(primes, SPEC, RunListener.NONE);
      List<Long> before = workerJvms();
      assertEquals(1, before.size(), "one worker JVM: " + before);
      ProcessHandle worker = ProcessHandle.of(before.get(0)).orElseThrow();
      worker.destroyForcibly();
      worker.onExit().get(30, TimeUnit.SECONDS);

      RunReport second = warm.run(primes, SPEC, RunListener.NONE);
      RunReport third = warm.run(primes, SPEC, RunListener.NONE);

      assertEquals(RunReport.Pool.STARTED, first.pool());
      assertEquals(RunReport.Pool.RESTARTED, second.pool());
      assertEquals(TASKS, second.completed(), "the round is not lost");
      assertEquals(first.checksum(), second.checksum());
      assertTrue(second.startupNanos() > 0, "the new pool's start-up");
      String why = (String) second.details().get(WorkloadRun.RESTARTED_BECAUSE);
      assertTrue(why != null && why.contains("0 of its 1 worker JVMs are running"), "why: " + why);
      assertEquals(RunReport.Pool.REUSED, third.pool(), "the new pool is kept in turn");
      List<Long> after = workerJvms();
      assertEquals(1, after.size(), "the broken pool's JVMs are gone: " + after);
      assertNotEquals(before, after);
    }
  }
}
