package io.actorlab.cli;

import io.actorlab.task.CounterReader;
import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;
import io.actorlab.workload.PreparedWorkload;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadResult;
import io.actorlab.workload.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately wrong workload, for tests only: each task answers with the name of the thread it ran
 * on, so the checksum depends on the mode (the caller's {@code main} under sequential, a dispatcher
 * thread under threads). {@code actorlab compare} must flag it. Reached by class name, as {@code
 * --workload io.actorlab.cli.ThreadNameWorkload}; it is not a built-in.
 */
public final class ThreadNameWorkload implements Workload {

  /** Created by name. */
  public ThreadNameWorkload() {}

  @Override
  public String name() {
    return "thread-name";
  }

  @Override
  public String description() {
    return "test only: answers depend on the thread that ran the task";
  }

  @Override
  public String sizeMeaning() {
    return "unused";
  }

  @Override
  public long defaultSize() {
    return 1;
  }

  @Override
  public int defaultTasks() {
    return 2;
  }

  @Override
  public PreparedWorkload<Long, Long> prepare(WorkloadSpec spec) {
    List<Long> inputs = new ArrayList<>();
    for (long i = 0; i < spec.tasks(); i++) {
      inputs.add(i);
    }
    return new PreparedWorkload<>() {
      @Override
      public Task<Long, Long> task() {
        return new ThreadNameTask();
      }

      @Override
      public List<Long> inputs() {
        return inputs;
      }

      @Override
      public WorkloadResult summarize(List<Long> outputs, CounterReader counters) {
        return WorkloadResult.of(outputs.stream().mapToLong(Long::longValue).sum());
      }

      @Override
      public void close() {}
    };
  }

  /** Answers with a hash of the running thread's name. */
  public static final class ThreadNameTask implements Task<Long, Long> {

    /** Created by name in the worker. */
    public ThreadNameTask() {}

    @Override
    public Long run(Long input, TaskContext context) {
      return (long) Thread.currentThread().getName().hashCode();
    }
  }
}
