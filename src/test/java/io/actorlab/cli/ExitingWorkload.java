package io.actorlab.cli;

import io.actorlab.task.CounterReader;
import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;
import io.actorlab.workload.PreparedWorkload;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadResult;
import io.actorlab.workload.WorkloadSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * For tests only: its task ends the JVM it runs in with exit code 7, as a crash would. Under {@code
 * actorlab compare} that is a mode's child JVM, which must be reported, not waited for forever. The
 * variant {@code second-run} lets each JVM's first task through and ends the JVM at its second: a
 * comparison that dies part-way, after some runs were measured.
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
  public List<String> variants() {
    return List.of("always", "second-run");
  }

  @Override
  public PreparedWorkload<Long, Long> prepare(WorkloadSpec spec) {
    long input = "second-run".equals(spec.variant()) ? SECOND_RUN : ALWAYS;
    return new PreparedWorkload<>() {
      @Override
      public Task<Long, Long> task() {
        return new ExitTask();
      }

      @Override
      public List<Long> inputs() {
        return List.of(input);
      }

      @Override
      public WorkloadResult summarize(List<Long> outputs, CounterReader counters) {
        return WorkloadResult.of(0);
      }

      @Override
      public void close() {}
    };
  }

  private static final long ALWAYS = 0;
  private static final long SECOND_RUN = 1;

  /** Ends the JVM: at once for {@link #ALWAYS}, at this JVM's second task for {@link #SECOND_RUN}. */
  public static final class ExitTask implements Task<Long, Long> {

    private static final AtomicInteger RUNS = new AtomicInteger();

    /** Created by name in the worker. */
    public ExitTask() {}

    @Override
    public Long run(Long input, TaskContext context) {
      if (input == ALWAYS || RUNS.incrementAndGet() > 1) {
        Runtime.getRuntime().halt(EXIT_CODE);
      }
      return input;
    }
  }
}
