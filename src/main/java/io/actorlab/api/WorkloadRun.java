package io.actorlab.api;

import io.actorlab.actor.TaskOutcome;
import io.actorlab.actor.TaskRunner;
import io.actorlab.measure.BoundaryStats;
import io.actorlab.measure.LatencyRecorder;
import io.actorlab.measure.ProcessMetrics;
import io.actorlab.measure.RunReport;
import io.actorlab.measure.Stopwatch;
import io.actorlab.workload.PreparedWorkload;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadResult;
import io.actorlab.workload.WorkloadSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One measured run of a workload under a mode: prepares the workload, starts a fresh pool (its start-up
 * is part of what is measured), submits every input, waits for every outcome and sums it all up in a
 * {@link RunReport}. Every mode goes through this same code, so their figures compare.
 */
public final class WorkloadRun {

  private WorkloadRun() {}

  /**
   * Runs {@code workload} as {@code spec} says on a pool started from {@code lab}.
   *
   * @throws IOException when the workload cannot be prepared (e.g. its local server cannot start)
   */
  public static RunReport run(ActorLab lab, Workload workload, WorkloadSpec spec, RunListener listener)
      throws IOException {
    try (PreparedWorkload<?, ?> prepared = workload.prepare(spec)) {
      try (WorkerPool pool = lab.start()) {
        return measure(pool, workload, spec, prepared, listener);
      }
    }
  }

  private static <I, O> RunReport measure(
      WorkerPool pool,
      Workload workload,
      WorkloadSpec spec,
      PreparedWorkload<I, O> prepared,
      RunListener listener) {
    String taskClass = TaskClasses.nameOf(prepared.task());
    List<I> inputs = prepared.inputs();
    LatencyRecorder latency = new LatencyRecorder();
    AtomicLong completed = new AtomicLong();
    List<CompletableFuture<TaskOutcome>> pending = new ArrayList<>(inputs.size());

    BoundaryStats boundaryBefore = pool.boundary();
    Stopwatch stopwatch = Stopwatch.start();
    for (I input : inputs) {
      long submitted = System.nanoTime();
      pending.add(
          pool.submitOutcome(taskClass, input)
              .whenComplete(
                  (outcome, error) -> {
                    latency.record(System.nanoTime() - submitted);
                    listener.completed(completed.incrementAndGet());
                  }));
    }
    List<TaskOutcome> outcomes = new ArrayList<>(pending.size());
    for (CompletableFuture<TaskOutcome> outcome : pending) {
      outcomes.add(outcome.handle((done, error) -> done != null ? done : failure(error)).join());
    }
    long wallNanos = stopwatch.wallNanos();
    long cpuNanos = stopwatch.cpuNanos();
    BoundaryStats boundary = pool.boundary().minus(boundaryBefore);

    long firstStart =
        outcomes.stream()
            .mapToLong(TaskOutcome::startedEpochMicros)
            .filter(micros -> micros > 0)
            .min()
            .orElse(pool.startedEpochMicros());
    long failed = outcomes.stream().filter(outcome -> !outcome.succeeded()).count();
    WorkloadResult result =
        failed == 0 ? prepared.summarize(outputs(outcomes), pool) : failures(outcomes, failed);
    return new RunReport(
        pool.mode(),
        workload.name(),
        variantOf(workload, spec),
        spec.tasks(),
        spec.size(),
        pool.workers(),
        outcomes.size() - failed,
        failed,
        result.checksum(),
        wallNanos,
        cpuNanos,
        Math.max(0, (firstStart - pool.startedEpochMicros()) * 1_000),
        ProcessMetrics.peakRssBytes(),
        latency.summary(),
        boundary,
        result.details());
  }

  private static TaskOutcome failure(Throwable error) {
    return TaskRunner.failure(-1, error, 0, 0);
  }

  @SuppressWarnings("unchecked")
  private static <O> List<O> outputs(List<TaskOutcome> outcomes) {
    List<O> outputs = new ArrayList<>(outcomes.size());
    outcomes.forEach(outcome -> outputs.add((O) outcome.output()));
    return outputs;
  }

  /** No checksum when tasks failed: the details say how many and how the first one failed. */
  private static WorkloadResult failures(List<TaskOutcome> outcomes, long failed) {
    TaskOutcome first =
        outcomes.stream().filter(outcome -> !outcome.succeeded()).findFirst().orElseThrow();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("failed_tasks", failed);
    details.put("first_failure", first.errorClass() + ": " + first.errorMessage());
    return new WorkloadResult(0, details);
  }

  private static String variantOf(Workload workload, WorkloadSpec spec) {
    if (spec.variant() != null && !spec.variant().isEmpty()) {
      return spec.variant();
    }
    return workload.variants().isEmpty() ? "" : workload.variants().get(0);
  }
}
