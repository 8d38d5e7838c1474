package io.actorlab.api;

import io.actorlab.actor.TaskOutcome;
import io.actorlab.actor.TaskRunner;
import io.actorlab.measure.BoundaryStats;
import io.actorlab.measure.LatencyRecorder;
import io.actorlab.measure.PoolUsage;
import io.actorlab.measure.RunReport;
import io.actorlab.workload.PreparedWorkload;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadResult;
import io.actorlab.workload.WorkloadSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One measured run of a workload under a mode: prepares the workload, starts a fresh pool (its start-up
 * is part of what is measured; {@link WarmPool} runs on a kept one instead), submits every input (at most {@code actorlab.tasks.max-pending} ahead
 * of the outcomes taken), takes every outcome in order and sums it all up in a {@link RunReport}.
 * Every mode goes through this same code, so their figures compare.
 */
public final class WorkloadRun {

  /** The detail that says why a run started a new pool instead of reusing the one it was given. */
  public static final String RESTARTED_BECAUSE = "pool_restarted_because";

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
        return measure(pool, workload, spec, prepared, listener, RunReport.Pool.STARTED, null);
      }
    }
  }

  /**
   * Runs {@code workload} on a pool that is already running, e.g. to run several workloads on one
   * cluster. The report's start-up then counts from when that pool began to start.
   *
   * @throws IOException when the workload cannot be prepared
   */
  public static RunReport runOn(
      WorkerPool pool, Workload workload, WorkloadSpec spec, RunListener listener)
      throws IOException {
    try (PreparedWorkload<?, ?> prepared = workload.prepare(spec)) {
      return measure(pool, workload, spec, prepared, listener, RunReport.Pool.STARTED, null);
    }
  }

  /**
   * Measures one run on {@code pool}.
   *
   * @param use whether this run started the pool; a {@link RunReport.Pool#REUSED} one has no start-up
   * @param restartedBecause what was wrong with the pool this one replaced, for the details; or null
   */
  static <I, O> RunReport measure(
      WorkerPool pool,
      Workload workload,
      WorkloadSpec spec,
      PreparedWorkload<I, O> prepared,
      RunListener listener,
      RunReport.Pool use,
      String restartedBecause) {
    String taskClass = TaskClasses.nameOf(prepared.task());
    List<I> inputs = prepared.inputs();
    LatencyRecorder latency = new LatencyRecorder();
    AtomicLong completed = new AtomicLong();

    PoolUsage before = pool.usage();
    long start = System.nanoTime();
    Iterator<TaskOutcome> outcomes =
        pool.outcomes(
            inputs.iterator(),
            input -> {
              long submitted = System.nanoTime();
              return pool.submitOutcome(taskClass, input)
                  .handle(
                      (outcome, error) -> {
                        latency.record(System.nanoTime() - submitted);
                        listener.completed(completed.incrementAndGet());
                        return outcome != null ? outcome : failure(error);
                      });
            });
    List<O> outputs = new ArrayList<>(inputs.size());
    long firstStart = Long.MAX_VALUE;
    long failed = 0;
    TaskOutcome firstFailure = null;
    while (outcomes.hasNext()) {
      TaskOutcome outcome = outcomes.next();
      if (outcome.startedEpochMicros() > 0) {
        firstStart = Math.min(firstStart, outcome.startedEpochMicros());
      }
      if (outcome.succeeded()) {
        outputs.add(output(outcome));
      } else if (failed++ == 0) {
        firstFailure = outcome;
      }
    }
    long wallNanos = System.nanoTime() - start;
    PoolUsage after = pool.usage();
    long cpuNanos =
        before.cpuNanos() < 0 || after.cpuNanos() < 0 ? -1 : after.cpuNanos() - before.cpuNanos();
    BoundaryStats boundary = after.boundary().minus(before.boundary());
    if (firstStart == Long.MAX_VALUE) {
      firstStart = pool.startedEpochMicros();
    }
    WorkloadResult result =
        failed == 0 ? prepared.summarize(outputs, pool) : failures(firstFailure, failed);
    Map<String, Object> details = new LinkedHashMap<>(result.details());
    if (restartedBecause != null) {
      details.put(RESTARTED_BECAUSE, restartedBecause);
    }
    if (after.peakRssByNode().size() > 1) {
      after.peakRssByNode().forEach((node, rss) -> details.put("peak_rss_mb_" + node, rss >> 20));
    }
    return new RunReport(
        pool.mode(),
        workload.name(),
        variantOf(workload, spec),
        spec.tasks(),
        spec.size(),
        pool.workers(),
        outputs.size(),
        failed,
        result.checksum(),
        wallNanos,
        cpuNanos,
        use == RunReport.Pool.REUSED
            ? -1
            : Math.max(0, (firstStart - pool.startedEpochMicros()) * 1_000),
        use,
        after.peakRssBytes(),
        latency.summary(),
        boundary,
        details);
  }

  private static TaskOutcome failure(Throwable error) {
    return TaskRunner.failure(-1, error, 0, 0);
  }

  @SuppressWarnings("unchecked")
  private static <O> O output(TaskOutcome outcome) {
    return (O) outcome.output();
  }

  /** No checksum when tasks failed: the details say how many and how the first one failed. */
  private static WorkloadResult failures(TaskOutcome first, long failed) {
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
