package io.actorlab.workload;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;

/** GETs one URL, blocking, and returns a digest of the body: I/O-bound work. */
public final class HttpTask implements Task<HttpTask.Request, Long> {

  /**
   * One request.
   *
   * @param url the full URL, so a worker in another process can reach the server
   * @param timeoutMillis how long the request may take before the task fails
   */
  public record Request(String url, long timeoutMillis) {}

  /** Creates the task; each worker makes its own. */
  public HttpTask() {}

  /** The digest of the body served at {@code request.url()}. */
  @Override
  public Long run(Request request, TaskContext context) throws Exception {
    return Digest.ofBytes(HttpFetcher.get(request.url(), request.timeoutMillis(), context));
  }

  /** True: the task waits on the network for almost all of its run. */
  @Override
  public boolean blocking() {
    return true;
  }
}
