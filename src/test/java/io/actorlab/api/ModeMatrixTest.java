package io.actorlab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.actorlab.measure.RunReport;
import io.actorlab.mode.ConfigLoader;
import io.actorlab.mode.ModeCatalog;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadSpec;
import io.actorlab.workload.Workloads;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mode found in conf/modes runs every built-in workload on small sizes and computes the same
 * checksum as the sequential baseline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModeMatrixTest {

  /** Small sizes so the whole matrix stays quick: a few ms of work per task. */
  private static final Map<String, Long> SMALL_SIZES =
      Map.of(
          "primes", 3_000L,
          "sum-loop", 20_000L,
          "sleep", 5L,
          "http", 5L,
          "hybrid", 3_000L,
          "counter", 500L,
          "payload", 2_000L);

  private static final int TASKS = 5;

  Stream<Arguments> modesAndWorkloads() {
    return new ModeCatalog(ConfigLoader.defaultConfDir())
        .all().stream()
            .map(ModeCatalog.ModeFile::name)
            .flatMap(
                mode -> Workloads.all().stream().map(workload -> Arguments.of(mode, workload)));
  }

  @ParameterizedTest(name = "{0} runs {1}")
  @MethodSource("modesAndWorkloads")
  void everyModeMatchesTheSequentialChecksum(String mode, Workload workload) throws Exception {
    ActorLab lab = ActorLab.mode(mode).workers(2);
    io.actorlab.mode.ModeSettings settings = io.actorlab.mode.ModeSettings.create(lab.config());
    assumeTrue(
        settings.runner() != io.actorlab.mode.ModeSettings.Runner.PROCESSES,
        "worker JVMs are tested on one shared cluster per mode in io.actorlab.cluster");
    int needs = settings.requiresJava();
    assumeTrue(
        Runtime.version().feature() >= needs,
        () -> mode + " needs Java " + needs + "; this is " + Runtime.version().feature());
    WorkloadSpec spec = new WorkloadSpec(TASKS, SMALL_SIZES.get(workload.name()), null);

    RunReport baseline =
        WorkloadRun.run(ActorLab.mode("sequential"), workload, spec, RunListener.NONE);
    RunReport report = WorkloadRun.run(lab, workload, spec, RunListener.NONE);

    assertEquals(TASKS, report.completed(), () -> "details: " + report.details());
    assertEquals(0, report.failed());
    assertEquals(baseline.checksum(), report.checksum(), mode + " computed another result");
    assertEquals(2, report.workers());
  }
}
