package io.actorlab.workload;

import io.actorlab.task.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a prepared workload in the test's JVM, as the simplest modes would, and sums it up. */
final class InlineRunner {

  private InlineRunner() {}

  /** Every input in order on the calling thread, like the {@code sequential} mode. */
  static WorkloadResult sequential(PreparedWorkload<?, ?> prepared) throws Exception {
    return sequentialTyped(prepared, new TestTaskContext());
  }

  /** The outputs of running every input in order on the calling thread. */
  static <I, O> List<O> outputs(PreparedWorkload<I, O> prepared, TestTaskContext context)
      throws Exception {
    Task<I, O> task = freshTask(prepared);
    List<O> outputs = new ArrayList<>();
    for (I input : prepared.inputs()) {
      outputs.add(task.run(input, context));
    }
    return outputs;
  }

  /**
   * The inputs in a shuffled order on {@code threads} threads, each with its own task instance made from
   * the class name as a worker would; the outputs are put back in input order before summing up.
   */
  static WorkloadResult shuffled(PreparedWorkload<?, ?> prepared, int threads, long seed)
      throws Exception {
    return shuffledTyped(prepared, threads, seed);
  }

  /** A new instance of the prepared task's class, made the way a worker in another process makes it. */
  @SuppressWarnings("unchecked")
  static <I, O> Task<I, O> freshTask(PreparedWorkload<I, O> prepared) throws Exception {
    String className = prepared.task().getClass().getName();
    return (Task<I, O>) Class.forName(className).getConstructor().newInstance();
  }

  private static <I, O> WorkloadResult sequentialTyped(
      PreparedWorkload<I, O> prepared, TestTaskContext context) throws Exception {
    return prepared.summarize(outputs(prepared, context), context);
  }

  private static <I, O> WorkloadResult shuffledTyped(
      PreparedWorkload<I, O> prepared, int threads, long seed) throws Exception {
    TestTaskContext context = new TestTaskContext();
    List<I> inputs = prepared.inputs();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    ThreadLocal<Task<I, O>> taskPerThread = ThreadLocal.withInitial(() -> newTaskUnchecked(prepared));
    Object[] outputs = new Object[inputs.size()];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int index : order) {
        done.add(
            pool.submit(
                () -> outputs[index] = taskPerThread.get().run(inputs.get(index), context)));
      }
      // Future.get also makes every output written by the pool visible here.
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    @SuppressWarnings("unchecked")
    List<O> inOrder = (List<O>) Arrays.asList(outputs);
    return prepared.summarize(inOrder, context);
  }

  private static <I, O> Task<I, O> newTaskUnchecked(PreparedWorkload<I, O> prepared) {
    try {
      return freshTask(prepared);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
