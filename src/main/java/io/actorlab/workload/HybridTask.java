package io.actorlab.workload;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;

/** Fetches a URL, then computes on the answer: a wait followed by CPU work. */
public final class HybridTask implements Task<HybridTask.Job, Long> {

  /**
   * One fetch-then-compute job.
   *
   * @param url the full URL, so a worker in another process can reach the server
   * @param timeoutMillis how long the request may take before the task fails
   * @param primesBelow the CPU part counts primes below this plus the body's length
   */
  public record Job(String url, long timeoutMillis, long primesBelow) {}

  /** Creates the task; each worker makes its own. */
  public HybridTask() {}

  /** The number of primes below {@code job.primesBelow()} plus the length of the body fetched. */
  @Override
  public Long run(Job job, TaskContext context) throws Exception {
    byte[] body = HttpFetcher.get(job.url(), job.timeoutMillis(), context);
    // Outside the blocking section on purpose: under gil the computation holds the lock, as Python would.
    return PrimeCounting.countBelow(job.primesBelow() + body.length);
  }

  /**
   * True, as the fetch waits; the CPU part then runs on the blocking dispatcher too, which is part of what
   * this workload shows.
   */
  @Override
  public boolean blocking() {
    return true;
  }
}
