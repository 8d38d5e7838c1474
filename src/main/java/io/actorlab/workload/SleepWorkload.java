package io.actorlab.workload;

import java.util.ArrayList;
import java.util.List;

/** {@code sleep}: tasks that only wait, so that overlap (not CPU) decides the wall time. */
public final class SleepWorkload implements Workload {

  /** Creates the workload; found through {@link java.util.ServiceLoader}. */
  public SleepWorkload() {}

  @Override
  public String name() {
    return "sleep";
  }

  @Override
  public String description() {
    return "blocking: each task sleeps in a marked blocking section";
  }

  @Override
  public String sizeMeaning() {
    return "milliseconds each task sleeps";
  }

  @Override
  public long defaultSize() {
    return 100;
  }

  @Override
  public int defaultTasks() {
    return 20;
  }

  @Override
  public PreparedWorkload<SleepTask.Nap, Integer> prepare(WorkloadSpec spec) {
    SpecChecks.variant(this, spec);
    List<SleepTask.Nap> inputs = new ArrayList<>(spec.tasks());
    for (int i = 0; i < spec.tasks(); i++) {
      inputs.add(new SleepTask.Nap(i, spec.size()));
    }
    return new PreparedRun<>(
        new SleepTask(), inputs, (outputs, counters) -> WorkloadResult.of(Digest.ofNumbers(outputs)));
  }
}
