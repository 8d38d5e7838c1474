package io.actorlab.api;

import io.actorlab.measure.RunReport;
import io.actorlab.workload.PreparedWorkload;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadSpec;
import java.io.IOException;
import java.util.Optional;

/**
 * One pool kept warm across runs: the first run starts it, later runs reuse it, so their workers (and,
 * under {@code processes}, their worker JVMs) have already run the workload, as the in-JVM modes'
 * threads have. Each run is measured on its own ({@link WorkloadRun}: wall, CPU and boundary are the
 * differences over the run); only the run that started the pool reports a start-up. When the kept
 * pool is broken (a worker JVM exited and none replaced it, say), the next run closes it and starts a
 * new one, and its report says so ({@link RunReport.Pool#RESTARTED}, with the reason in its details).
 *
 * <p>A pool attached to a running cluster ({@code actorlab.cluster.seed-nodes} or {@code state}) is
 * not kept: its nodes serve one coordinator at a time, and would be kept from every other pool (the
 * other modes of a comparison) while it lived. Their JVMs outlive each pool anyway, so they stay warm.
 *
 * <p>Not thread-safe: one run at a time. Closing it closes the pool.
 */
public final class WarmPool implements AutoCloseable {

  private final ActorLab lab;
  private WorkerPool pool;

  /** A warm pool that starts its pool from {@code lab} when the first run needs it. */
  public WarmPool(ActorLab lab) {
    this.lab = lab;
  }

  /**
   * Runs {@code workload} as {@code spec} says on the kept pool, starting one first if there is none
   * or the kept one is broken.
   *
   * @throws IOException when the workload cannot be prepared
   */
  public RunReport run(Workload workload, WorkloadSpec spec, RunListener listener)
      throws IOException {
    try (PreparedWorkload<?, ?> prepared = workload.prepare(spec)) {
      RunReport.Pool use = RunReport.Pool.STARTED;
      String restartedBecause = null;
      if (pool != null) {
        Optional<String> broken = pool.broken();
        if (broken.isEmpty()) {
          use = RunReport.Pool.REUSED;
        } else {
          close();
          use = RunReport.Pool.RESTARTED;
          restartedBecause = "the pool kept from the run before was broken: " + broken.get();
        }
      }
      if (pool == null) {
        pool = lab.start();
      }
      try {
        return WorkloadRun.measure(pool, workload, spec, prepared, listener, use, restartedBecause);
      } finally {
        if (pool.onSharedNodes()) {
          close(); // the nodes of a running cluster serve one pool at a time: free them for others
        }
      }
    }
  }

  /** Closes the kept pool, if any; the next run starts a new one. */
  @Override
  public void close() {
    WorkerPool closing = pool;
    pool = null;
    if (closing != null) {
      closing.close();
    }
  }
}
