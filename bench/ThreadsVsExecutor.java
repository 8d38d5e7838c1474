import io.actorlab.api.ActorLab;
import io.actorlab.api.RunListener;
import io.actorlab.api.WorkloadRun;
import io.actorlab.measure.RunReport;
import io.actorlab.task.SharedCounter;
import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;
import io.actorlab.workload.PreparedWorkload;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadSpec;
import io.actorlab.workload.Workloads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * gil vs threads vs a plain fixed ExecutorService on the same CPU-bound tasks, in one JVM, interleaved
 * (gil, threads, executor, gil, ...) so machine drift hits all alike; medians reported.
 *
 * <p>Wall time is from the first submit to the last result in every case, so the actor system's
 * start-up is not counted against the modes: this measures the cost of running tasks through actors,
 * not of starting them.
 *
 * <p>Run: {@code bench/threads-vs-executor [rounds] [tasks] [size] [workers]}
 */
public final class ThreadsVsExecutor {

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    long size = args.length > 2 ? Long.parseLong(args[2]) : 400_000;
    int workers = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    Workload primes = Workloads.named("primes").orElseThrow();
    WorkloadSpec spec = new WorkloadSpec(tasks, size, null);

    Map<String, List<Long>> walls = new LinkedHashMap<>();
    walls.put("gil", new ArrayList<>());
    walls.put("threads", new ArrayList<>());
    walls.put("executor", new ArrayList<>());
    Long checksum = null;
    System.out.printf(
        "primes: %d tasks of size %d, %d workers, %d rounds (+1 warm-up), Java %s, %d cores%n",
        tasks, size, workers, rounds, Runtime.version(), Runtime.getRuntime().availableProcessors());
    for (int round = 0; round <= rounds; round++) {
      for (String mode : walls.keySet()) {
        long wall;
        long sum;
        if (mode.equals("executor")) {
          long[] result = executor(primes, spec, workers);
          wall = result[0];
          sum = result[1];
        } else {
          RunReport report =
              WorkloadRun.run(ActorLab.mode(mode).workers(workers), primes, spec, RunListener.NONE);
          wall = report.wallNanos();
          sum = report.checksum();
        }
        if (checksum == null) {
          checksum = sum;
        } else if (checksum != sum) {
          throw new IllegalStateException(mode + " computed checksum " + sum + ", not " + checksum);
        }
        if (round > 0) {
          walls.get(mode).add(wall);
        }
        System.out.printf("  round %d %-8s %8.1f ms%n", round, mode, wall / 1e6);
      }
    }
    System.out.println();
    Map<String, Double> medians = new LinkedHashMap<>();
    walls.forEach((mode, times) -> medians.put(mode, median(times) / 1e6));
    medians.forEach(
        (mode, ms) ->
            System.out.printf(
                "%-8s median %8.1f ms  (min %.1f, max %.1f)%n",
                mode,
                ms,
                walls.get(mode).stream().mapToLong(Long::longValue).min().getAsLong() / 1e6,
                walls.get(mode).stream().mapToLong(Long::longValue).max().getAsLong() / 1e6));
    System.out.printf(
        "threads is %.2fx faster than gil; threads throughput is %.3f of the plain ExecutorService's%n",
        medians.get("gil") / medians.get("threads"),
        medians.get("executor") / medians.get("threads"));
    System.out.println("checksum " + checksum + " (equal in every run)");
  }

  /** The same tasks on a plain fixed thread pool: {wall nanos, checksum}. */
  @SuppressWarnings("unchecked")
  private static long[] executor(Workload workload, WorkloadSpec spec, int workers) throws Exception {
    try (PreparedWorkload<?, ?> prepared = workload.prepare(spec)) {
      Task<Object, Object> task = (Task<Object, Object>) prepared.task();
      TaskContext direct = new DirectContext();
      ExecutorService pool = Executors.newFixedThreadPool(workers);
      try {
        long start = System.nanoTime();
        List<Future<Object>> futures = new ArrayList<>();
        for (Object input : prepared.inputs()) {
          futures.add(pool.submit(() -> task.run(input, direct)));
        }
        List<Object> outputs = new ArrayList<>();
        for (Future<Object> future : futures) {
          outputs.add(future.get());
        }
        long wall = System.nanoTime() - start;
        long sum =
            ((PreparedWorkload<Object, Object>) prepared)
                .summarize(outputs, name -> 0)
                .checksum();
        return new long[] {wall, sum};
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static double median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  /** Runs blocking sections directly; the primes workload uses no counter. */
  private static final class DirectContext implements TaskContext {
    @Override
    public <T> T blocking(BlockingSection<T> section) throws Exception {
      return section.call();
    }

    @Override
    public SharedCounter counter(String name) {
      throw new UnsupportedOperationException("the executor baseline has no shared counters");
    }
  }
}
