package io.actorlab.workload;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code http}: real blocking GETs to a slow server this workload starts on 127.0.0.1, the analogue of a
 * scraper or an API fan-out.
 */
public final class HttpWorkload implements Workload {

  /** Ten minutes: a longer delay is a mistake, and the request timeout is the delay plus a margin. */
  static final long MAX_DELAY_MILLIS = 600_000;

  /** Creates the workload; found through {@link java.util.ServiceLoader}. */
  public HttpWorkload() {}

  @Override
  public String name() {
    return "http";
  }

  @Override
  public String description() {
    return "I/O-bound: each task GETs a URL from a local server that answers after a delay";
  }

  @Override
  public String sizeMeaning() {
    return "milliseconds the local server waits before answering each request";
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
  public PreparedWorkload<HttpTask.Request, Long> prepare(WorkloadSpec spec) throws IOException {
    SpecChecks.variant(this, spec);
    SpecChecks.sizeAtMost(this, spec, MAX_DELAY_MILLIS, "the server's delay in milliseconds");
    LocalHttpServer server = LocalHttpServer.start(spec.size());
    long timeoutMillis = HttpFetcher.timeoutMillisFor(spec.size());
    List<HttpTask.Request> inputs = new ArrayList<>(spec.tasks());
    for (int i = 0; i < spec.tasks(); i++) {
      inputs.add(new HttpTask.Request(server.urlOf(i), timeoutMillis));
    }
    return new PreparedRun<>(
        new HttpTask(),
        inputs,
        (outputs, counters) -> WorkloadResult.of(Digest.ofNumbers(outputs)),
        server::close);
  }
}
