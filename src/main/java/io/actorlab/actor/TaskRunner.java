package io.actorlab.actor;

import io.actorlab.task.SharedCounter;
import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * Runs task code on the calling thread: finds the task by class name, surrounds the run with the mode's
 * {@link TaskGuard} and turns whatever happens into a {@link TaskOutcome}. Shared by the worker actors
 * of every mode and by the sequential baseline, so all of them measure a task the same way.
 *
 * <p>Thread-safe: a worker may run blocking tasks on another dispatcher's threads.
 */
public final class TaskRunner {

  private final Map<String, Task<Object, Object>> tasks = new ConcurrentHashMap<>();
  private final RunningTasks running;
  private final TaskGuard guard;
  private final ClassLoader classLoader;
  private final ToIntFunction<Object> outputCheck;

  /**
   * A runner for one worker (or one JVM).
   *
   * @param guard what surrounds each run ({@link TaskGuard#NONE} in every mode but {@code gil})
   * @param classLoader loads task classes named in messages
   * @param outputCheck throws when an output could not be sent back; its exception becomes the task's
   *     failure, so an output that cannot cross is reported rather than dropped; returns the output's
   *     serialized size (0 when nothing is serialized)
   * @param running where each run records its thread, so it can be interrupted
   */
  public TaskRunner(
      TaskGuard guard,
      ClassLoader classLoader,
      ToIntFunction<Object> outputCheck,
      RunningTasks running) {
    this.guard = guard;
    this.running = running;
    this.classLoader = classLoader;
    this.outputCheck = outputCheck;
  }

  /** True when the named task declares that it mostly waits; see {@link Task#blocking()}. */
  public boolean isBlocking(String taskClass) {
    try {
      return task(taskClass).blocking();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false; // run() reports the same problem as the task's failure
    }
  }

  /** How a run ended, and the serialized size of its output (0 when not serialized or it failed). */
  public record Ran(TaskOutcome outcome, int outputBytes) {}

  /** Runs one task and reports how it ended; never throws. */
  public TaskOutcome run(long taskId, String taskClass, Object input) {
    return runSized(taskId, taskClass, input).outcome();
  }

  /** Runs one task and reports how it ended, with its output's size; never throws. */
  public Ran runSized(long taskId, String taskClass, Object input) {
    long startedEpochMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    long start = System.nanoTime();
    Context context = new Context();
    running.started(taskId);
    try {
      Task<Object, Object> task = task(taskClass);
      guard.enterTask();
      Object output;
      try {
        output = task.run(input, context);
      } finally {
        guard.exitTask();
      }
      int outputBytes = outputCheck.applyAsInt(output);
      return new Ran(
          new TaskOutcome(
              taskId,
              output,
              null,
              null,
              startedEpochMicros,
              System.nanoTime() - start,
              context.counters()),
          outputBytes);
    } catch (Exception | LinkageError | StackOverflowError e) {
      // An OutOfMemoryError or other VirtualMachineError is left to kill the worker: it is not the
      // task's result, and a JVM in that state should not go on pretending to be healthy.
      return new Ran(failure(taskId, e, startedEpochMicros, System.nanoTime() - start), 0);
    } finally {
      running.ended(taskId);
    }
  }

  /** The outcome of a task whose run could not even be attempted, e.g. a rejected execution. */
  public static TaskOutcome failure(long taskId, Throwable error, long startedEpochMicros, long nanos) {
    Throwable cause = error;
    if (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof java.lang.reflect.InvocationTargetException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return new TaskOutcome(
        taskId,
        null,
        cause.getClass().getName(),
        cause.getMessage(),
        startedEpochMicros,
        nanos,
        Map.of());
  }

  @SuppressWarnings("unchecked")
  private Task<Object, Object> task(String taskClass) throws ReflectiveOperationException {
    Task<Object, Object> cached = tasks.get(taskClass);
    if (cached != null) {
      return cached;
    }
    // Not initialized until it is known to be a task: a message may name any class on the class path,
    // and loading one must not run its static initializer.
    Class<?> type = Class.forName(taskClass, false, classLoader);
    if (!Task.class.isAssignableFrom(type)) {
      throw new ClassCastException(taskClass + " does not implement " + Task.class.getName());
    }
    Task<Object, Object> created =
        (Task<Object, Object>) type.getDeclaredConstructor().newInstance();
    Task<Object, Object> raced = tasks.putIfAbsent(taskClass, created);
    return raced == null ? created : raced;
  }

  /** One run's context; collects the run's counter increments, which travel with its outcome. */
  private final class Context implements TaskContext {
    private final Map<String, Long> counters = new ConcurrentHashMap<>();

    @Override
    public <T> T blocking(BlockingSection<T> section) throws Exception {
      guard.enterBlocking();
      try {
        return section.call();
      } finally {
        guard.exitBlocking();
      }
    }

    @Override
    public SharedCounter counter(String name) {
      return delta -> counters.merge(name, delta, Long::sum);
    }

    /** The increments so far, in a map every node can read (a plain HashMap is registered for Kryo). */
    Map<String, Long> counters() {
      return counters.isEmpty() ? Map.of() : new HashMap<>(counters);
    }
  }
}
