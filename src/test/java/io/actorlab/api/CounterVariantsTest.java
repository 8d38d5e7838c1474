package io.actorlab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.actorlab.measure.RunReport;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadSpec;
import io.actorlab.workload.Workloads;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The counter workload through real worker pools: the safe variants lose nothing; the unsynchronized one
 * reports its losses truthfully, whatever they are.
 */
class CounterVariantsTest {

  private static final int TASKS = 4;
  private static final long INCREMENTS = 20_000;

  @ParameterizedTest(name = "{1} counter under {0}")
  @CsvSource({
    "threads, actor",
    "threads, atomic",
    "threads, lock",
    "serialize-local, actor",
    "gil, unsynchronized",
    "threads, unsynchronized"
  })
  void reportsExpectedActualAndLost(String mode, String variant) throws Exception {
    Workload counter = Workloads.named("counter").orElseThrow();
    RunReport report =
        WorkloadRun.run(
            ActorLab.mode(mode).workers(2),
            counter,
            new WorkloadSpec(TASKS, INCREMENTS, variant),
            RunListener.NONE);

    long expected = (Long) report.details().get("expected");
    long actual = (Long) report.details().get("actual");
    assertEquals(TASKS * INCREMENTS, expected);
    assertEquals(expected - actual, (Long) report.details().get("lost"));
    assertEquals(actual, report.checksum());
    if (!variant.equals("unsynchronized") || mode.equals("gil")) {
      // The GIL makes even the unsynchronized counter safe: one task increments at a time.
      assertEquals(expected, actual, variant + " lost updates under " + mode);
    }
  }
}
