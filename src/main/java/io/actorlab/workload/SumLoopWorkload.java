package io.actorlab.workload;

import java.util.ArrayList;
import java.util.List;

/** {@code sum-loop}: a tight integer loop per task, CPU-bound with no memory traffic at all. */
public final class SumLoopWorkload implements Workload {

  /** Odd, so that multiplying a non-zero index by it never gives the zero seed xorshift cannot leave. */
  private static final long SEED_STEP = 0x9E3779B97F4A7C15L;

  /** Creates the workload; found through {@link java.util.ServiceLoader}. */
  public SumLoopWorkload() {}

  @Override
  public String name() {
    return "sum-loop";
  }

  @Override
  public String description() {
    return "CPU-bound: each task runs an xorshift integer loop and sums its states";
  }

  @Override
  public String sizeMeaning() {
    return "loop iterations per task";
  }

  @Override
  public long defaultSize() {
    return 40_000_000;
  }

  @Override
  public int defaultTasks() {
    return 16;
  }

  @Override
  public PreparedWorkload<SumLoopTask.Loop, Long> prepare(WorkloadSpec spec) {
    SpecChecks.variant(this, spec);
    List<SumLoopTask.Loop> inputs = new ArrayList<>(spec.tasks());
    for (int i = 0; i < spec.tasks(); i++) {
      inputs.add(new SumLoopTask.Loop(SEED_STEP * (i + 1L), spec.size()));
    }
    return new PreparedRun<>(
        new SumLoopTask(), inputs, (outputs, counters) -> WorkloadResult.of(Digest.ofNumbers(outputs)));
  }
}
