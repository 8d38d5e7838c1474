package io.actorlab.cli;

import io.actorlab.task.CounterReader;
import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;
import io.actorlab.workload.PreparedWorkload;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadResult;
import io.actorlab.workload.WorkloadSpec;
import java.util.List;

/**
 * For tests only: its task ends the JVM it runs in with exit code 7, as a crash would. Under {@code
 * actorlab compare} that is a mode's child JVM, which must be reported, not waited for forever.
 */
public final class ExitingWorkload implements Workload {

  /** The exit code the task ends its JVM with. */
  public static final int EXIT_CODE = 7;

  /** Created by name. */
  public ExitingWorkload() {}

  @Override
  public String name() {
    return "exiting";
  }

  @Override
  public String description() {
    return "test only: the task exits the JVM";
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
    return 1;
  }

  @Override
  public PreparedWorkload<Long, Long> prepare(WorkloadSpec spec) {
    return new PreparedWorkload<>() {
      @Override
      public Task<Long, Long> task() {
        return new ExitTask();
      }

      @Override
      public List<Long> inputs() {
        return List.of(1L);
      }

      @Override
      public WorkloadResult summarize(List<Long> outputs, CounterReader counters) {
        return WorkloadResult.of(0);
      }

      @Override
      public void close() {}
    };
  }

  /** Ends the JVM. */
  public static final class ExitTask implements Task<Long, Long> {

    /** Created by name in the worker. */
    public ExitTask() {}

    @Override
    public Long run(Long input, TaskContext context) {
      Runtime.getRuntime().halt(EXIT_CODE);
      return input;
    }
  }
}
