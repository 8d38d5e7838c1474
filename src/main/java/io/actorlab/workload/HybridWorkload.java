package io.actorlab.workload;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hybrid}: each task fetches from the local slow server, then counts primes on what it got, so
 * neither pure threads (CPU) nor pure waiting overlap (I/O) is the whole answer.
 */
public final class HybridWorkload implements Workload {

  /** The server's delay: fixed, so that {@code --size} turns one knob, the CPU part. */
  static final long DELAY_MILLIS = 50;

  /** Creates the workload; found through {@link java.util.ServiceLoader}. */
  public HybridWorkload() {}

  @Override
  public String name() {
    return "hybrid";
  }

  @Override
  public String description() {
    return "I/O then CPU: each task GETs from a local server (50 ms delay), then counts primes";
  }

  @Override
  public String sizeMeaning() {
    return "after its 50 ms fetch, each task counts the primes below this number plus the body's length";
  }

  @Override
  public long defaultSize() {
    return 200_000;
  }

  @Override
  public int defaultTasks() {
    return 20;
  }

  @Override
  public PreparedWorkload<HybridTask.Job, Long> prepare(WorkloadSpec spec) throws IOException {
    SpecChecks.variant(this, spec);
    LocalHttpServer server = LocalHttpServer.start(DELAY_MILLIS);
    long timeoutMillis = HttpFetcher.timeoutMillisFor(DELAY_MILLIS);
    List<HybridTask.Job> inputs = new ArrayList<>(spec.tasks());
    for (int i = 0; i < spec.tasks(); i++) {
      inputs.add(new HybridTask.Job(server.urlOf(i), timeoutMillis, spec.size()));
    }
    return new PreparedRun<>(
        new HybridTask(),
        inputs,
        (outputs, counters) -> WorkloadResult.of(Digest.ofNumbers(outputs)),
        server::close);
  }
}
