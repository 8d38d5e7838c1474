package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.actor.Coordinator;
import io.actorlab.actor.Worker;
import io.actorlab.api.ActorLab;
import io.actorlab.api.RunListener;
import io.actorlab.api.WorkerPool;
import io.actorlab.api.WorkloadRun;
import io.actorlab.measure.BoundaryStats;
import io.actorlab.measure.RunReport;
import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadSpec;
import io.actorlab.workload.Workloads;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A mode of worker JVMs: two of them run every built-in workload on one cluster and compute the
 * sequential checksum; what crosses is counted; nothing is left running afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WorkerJvmModeTest {

  private static final Map<String, Long> SMALL_SIZES =
      Map.of(
          "primes", 3_000L,
          "sum-loop", 20_000L,
          "sleep", 5L,
          "http", 5L,
          "hybrid", 3_000L,
          "counter", 500L,
          "payload", 2_000L);

  private final String mode;
  private WorkerPool pool;

  WorkerJvmModeTest(String mode) {
    this.mode = mode;
  }

  @BeforeAll
  void startCluster() {
    pool = ActorLab.mode(mode).workers(2).start();
    // Started means Up in the coordinator's view too, whichever node leads the cluster: else a first
    // run's figures would leave a worker out, its messages counted on one side only.
    assertEquals(
        Set.of("coordinator", "worker_1", "worker_2"), pool.usage().peakRssByNode().keySet());
    assertTrue(pool.broken().isEmpty(), () -> "broken at start: " + pool.broken());
  }

  @AfterAll
  void stopCluster() {
    if (pool != null) {
      pool.close();
    }
    Descendants.assertNoneLeft();
  }

  @AfterEach
  void clusterStillServes() {
    assertEquals(2, pool.workers());
  }

  Stream<Workload> workloads() {
    return Workloads.all().stream();
  }

  @ParameterizedTest(name = "runs {0}")
  @MethodSource("workloads")
  void everyWorkloadMatchesTheSequentialChecksum(Workload workload) throws Exception {
    WorkloadSpec spec = new WorkloadSpec(5, SMALL_SIZES.get(workload.name()), null);
    RunReport baseline =
        WorkloadRun.run(ActorLab.mode("sequential"), workload, spec, RunListener.NONE);
    RunReport report = WorkloadRun.runOn(pool, workload, spec, RunListener.NONE);

    assertEquals(5, report.completed(), () -> "details: " + report.details());
    assertEquals(baseline.checksum(), report.checksum(), mode + " computed another result");
    BoundaryStats boundary = report.boundary();
    assertTrue(boundary.messages() >= 10, () -> "boundary: " + boundary);
    assertTrue(boundary.bytes() > 0);
    // every message of the run was serialized in one JVM and read in another: both sides counted it
    boundary
        .byType()
        .forEach(
            (type, traffic) -> {
              assertEquals(traffic.sent(), traffic.received(), () -> type + ": " + traffic);
              assertEquals(traffic.sentBytes(), traffic.receivedBytes(), () -> type + ": " + traffic);
            });
    assertTrue(
        boundary.byType().containsKey(Worker.Run.class.getName()),
        () -> "no task messages in " + boundary);
    assertTrue(
        boundary.byType().containsKey(Coordinator.TaskDone.class.getName()),
        () -> "no results in " + boundary);
    assertTrue(report.peakRssBytes() > 0);
    assertTrue(
        report.details().keySet().stream().anyMatch(key -> key.startsWith("peak_rss_mb_worker")),
        () -> "no per-worker memory in " + report.details());
  }

  /** A type nobody registered. */
  public record Unregistered(int value) {}

  /** Echoes its input. */
  public static final class Echo implements Task<Object, Object> {
    @Override
    public Object run(Object input, TaskContext context) {
      return input;
    }
  }

  @Test
  void anUnregisteredInputFailsAtSubmitNamingTheClass() {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> pool.submit(new Echo(), new Unregistered(1)));
    assertTrue(refused.getMessage().contains(Unregistered.class.getName()), refused.getMessage());
    assertTrue(refused.getMessage().contains("actorlab.serialization.register"), refused.getMessage());
  }

  @Test
  void workersAreSeparateProcesses() {
    long pid = ProcessHandle.current().pid();
    assertTrue(
        ProcessHandle.current().children().anyMatch(child -> child.pid() != pid),
        "no worker JVM is a child of this JVM");
  }
}
