package io.actorlab.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checksum is what lets every mode be checked against the baseline, so it must not depend on the
 * run, the order the tasks ran in, or the thread they ran on.
 */
class DeterminismTest {

  /** Small runs of every workload; counter without its unsynchronized variant, which loses updates. */
  static Stream<Arguments> smallRuns() {
    return Stream.of(
        Arguments.of("primes", new WorkloadSpec(3, 5_000, null)),
        Arguments.of("sum-loop", new WorkloadSpec(5, 100_000, null)),
        Arguments.of("sleep", new WorkloadSpec(5, 2, null)),
        Arguments.of("http", new WorkloadSpec(5, 2, null)),
        Arguments.of("hybrid", new WorkloadSpec(4, 2_000, null)),
        Arguments.of("counter", new WorkloadSpec(5, 2_000, "actor")),
        Arguments.of("counter", new WorkloadSpec(5, 2_000, "atomic")),
        Arguments.of("counter", new WorkloadSpec(5, 2_000, "lock")),
        Arguments.of("payload", new WorkloadSpec(5, 1_000, null)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("smallRuns")
  void twoSequentialRunsGiveTheSameResult(String name, WorkloadSpec spec) throws Exception {
    Workload workload = Workloads.named(name).orElseThrow();
    WorkloadResult first;
    try (PreparedWorkload<?, ?> prepared = workload.prepare(spec)) {
      first = InlineRunner.sequential(prepared);
    }
    WorkloadResult second;
    try (PreparedWorkload<?, ?> prepared = workload.prepare(spec)) {
      second = InlineRunner.sequential(prepared);
    }
    assertEquals(first, second);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("smallRuns")
  void shuffledOnFourThreadsGivesTheSequentialResult(String name, WorkloadSpec spec)
      throws Exception {
    Workload workload = Workloads.named(name).orElseThrow();
    WorkloadResult sequential;
    try (PreparedWorkload<?, ?> prepared = workload.prepare(spec)) {
      sequential = InlineRunner.sequential(prepared);
    }
    WorkloadResult shuffled;
    try (PreparedWorkload<?, ?> prepared = workload.prepare(spec)) {
      shuffled = InlineRunner.shuffled(prepared, 4, 42);
    }
    assertEquals(sequential, shuffled);
  }
}
