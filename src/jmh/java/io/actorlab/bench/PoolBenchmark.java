package io.actorlab.bench;

import io.actorlab.api.ActorLab;
import io.actorlab.api.WorkerPool;
import io.actorlab.task.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a pool per task, each mode's WorkerPool against the raw JDK executors under it, in one
 * run: {@code noOpTasks} submits {@value #NO_OPS} tasks that do nothing and waits for all (so the
 * figure is pool overhead per task, amortized over a full queue, as {@code map} does);
 * {@code cpuTasks} runs {@value #CPU_TASKS} tasks of ~10 ms of CPU each (so throughput can be compared
 * with a fixed ExecutorService: the target is {@code threads} at 0.95 or better).
 *
 * <p>{@code pool} is {@code fixed-executor} (Executors.newFixedThreadPool), {@code fork-join-pool} (a
 * ForkJoinPool), or the name of any mode file in conf/modes ({@code -p pool=processes} works too; its
 * worker JVMs start in the trial's set-up and are not timed).
 *
 * <p>Run: {@code java -jar target/jmh/benchmarks.jar PoolBenchmark -f 1 -wi 3 -i 5}; knobs: {@code -p
 * workers=4}, {@code -p spinSteps=...} (6,500,000 steps is ~10 ms on the 2-core development machine).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PoolBenchmark {

  static final int NO_OPS = 1_000;
  static final int CPU_TASKS = 16;
  private static final long TIMEOUT_SECONDS = 120;

  @Param({
    "fixed-executor",
    "fork-join-pool",
    "sequential",
    "gil",
    "threads",
    "thread-pool",
    "pinned",
    "serialize-local"
  })
  public String pool;

  @Param({"2"})
  public int workers;

  /** Steps of a {@link SpinTask}: ~10 ms here. */
  @Param({"6500000"})
  public long spinSteps;

  private ExecutorService executor;
  private WorkerPool workerPool;
  private List<Integer> noOpInputs;
  private List<Long> spinInputs;

  @Setup(Level.Trial)
  public void setUp() {
    switch (pool) {
      case "fixed-executor" -> executor = Executors.newFixedThreadPool(workers);
      case "fork-join-pool" -> executor = new ForkJoinPool(workers);
      default -> workerPool = ActorLab.mode(pool).workers(workers).start();
    }
    noOpInputs = new ArrayList<>(NO_OPS);
    for (int i = 0; i < NO_OPS; i++) {
      noOpInputs.add(i);
    }
    spinInputs = Collections.nCopies(CPU_TASKS, spinSteps);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    if (workerPool != null) {
      workerPool.close();
    } else {
      executor.shutdownNow();
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException(pool + " did not stop within 10 s");
      }
    }
  }

  /** Per task: {@value #NO_OPS} no-op tasks submitted at once, then every result awaited. */
  @Benchmark
  @OperationsPerInvocation(NO_OPS)
  public Object noOpTasks() throws Exception {
    return runAll(new NoOpTask(), noOpInputs, input -> input);
  }

  /** Per task: {@value #CPU_TASKS} tasks of ~10 ms of CPU each, submitted at once. */
  @Benchmark
  @OperationsPerInvocation(CPU_TASKS)
  public Object cpuTasks() throws Exception {
    return runAll(new SpinTask(), spinInputs, SpinTask::spin);
  }

  /** Every input through the pool: the task in a WorkerPool, {@code raw} on a raw executor. */
  private <I, O> List<O> runAll(Task<I, O> task, List<I> inputs, Function<I, O> raw)
      throws Exception {
    if (workerPool != null) {
      return awaitAll(submitAll(task, inputs));
    }
    List<Callable<O>> calls = new ArrayList<>(inputs.size());
    for (I input : inputs) {
      calls.add(() -> raw.apply(input));
    }
    return awaitAll(executor.invokeAll(calls, TIMEOUT_SECONDS, TimeUnit.SECONDS));
  }

  /** As WorkerPool.map does, but every wait bounded: a stuck pool fails the benchmark. */
  private <I, O> List<Future<O>> submitAll(Task<I, O> task, List<I> inputs) {
    List<Future<O>> futures = new ArrayList<>(inputs.size());
    for (I input : inputs) {
      futures.add(workerPool.submit(task, input).toCompletableFuture());
    }
    return futures;
  }

  private static <T> List<T> awaitAll(List<Future<T>> futures)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<T> results = new ArrayList<>(futures.size());
    for (Future<T> future : futures) {
      results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }
    return results;
  }
}
