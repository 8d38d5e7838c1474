package io.actorlab.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code primes}: the classic CPU-bound example. Every task counts the primes below the same bound, so
 * the tasks are equal work and a speed-up reads directly as parallelism.
 */
public final class PrimesWorkload implements Workload {

  /** Creates the workload; found through {@link java.util.ServiceLoader}. */
  public PrimesWorkload() {}

  @Override
  public String name() {
    return "primes";
  }

  @Override
  public String description() {
    return "CPU-bound: each task counts primes by trial division";
  }

  @Override
  public String sizeMeaning() {
    return "each task counts the primes below this number (every task does the same work)";
  }

  @Override
  public long defaultSize() {
    return 400_000;
  }

  @Override
  public int defaultTasks() {
    return 16;
  }

  @Override
  public PreparedWorkload<Long, Long> prepare(WorkloadSpec spec) {
    SpecChecks.variant(this, spec);
    List<Long> inputs = new ArrayList<>(spec.tasks());
    for (int i = 0; i < spec.tasks(); i++) {
      inputs.add(spec.size());
    }
    return new PreparedRun<>(new PrimesTask(), inputs, (outputs, counters) -> summarize(outputs));
  }

  private static WorkloadResult summarize(List<Long> outputs) {
    // The plain sum keeps the checksum readable: tasks x (primes below size).
    long sum = 0;
    for (long count : outputs) {
      sum += count;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("primes_per_task", outputs.get(0));
    return new WorkloadResult(sum, details);
  }
}
