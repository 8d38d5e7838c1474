package io.actorlab.api;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Its first run of a key sleeps a minute; later runs return at once how many runs the key had. */
public final class SlowFirst implements Task<String, Integer> {

  private static final Map<String, Integer> RUNS = new ConcurrentHashMap<>();

  @Override
  public Integer run(String key, TaskContext context) throws InterruptedException {
    int run = RUNS.merge(key, 1, Integer::sum);
    if (run == 1) {
      Thread.sleep(60_000);
    }
    return run;
  }
}
