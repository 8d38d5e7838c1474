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
 * The GIL question measured: sequential, gil, threads and a plain fixed ExecutorService (no actors) on a
 * CPU-bound workload (primes) and a waiting one (sleep), in one JVM, interleaved (sequential, gil,
 * threads, executor, sequential, ...) so machine drift hits all alike; medians and ratios reported.
 *
 * <p>Wall time is from the first submit to the last result in every case: a pool's start-up (the actor
 * system, its workers) is not counted, so this compares the cost of running tasks, not of starting.
 *
 * <p>Run: {@code bench/run GilVsThreads [rounds=7] [workers=2]}
 */
public final class GilVsThreads {

  private static final List<String> CONTENDERS = List.of("sequential", "gil", "threads", "executor");

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    System.out.printf(
        "%d workers, %d rounds (+1 warm-up), Java %s, %d cores%n",
        workers, rounds, Runtime.version(), Runtime.getRuntime().availableProcessors());
    Map<String, Double> primes = scenario("primes", new WorkloadSpec(32, 400_000, null), rounds, workers);
    Map<String, Double> sleep = scenario("sleep", new WorkloadSpec(20, 100, null), rounds, workers);

    System.out.println();
    System.out.printf(
        "primes: gil is %.2fx sequential's speed, threads %.2fx gil's; threads runs at %.3f of a plain"
            + " ExecutorService's throughput%n",
        primes.get("sequential") / primes.get("gil"),
        primes.get("gil") / primes.get("threads"),
        primes.get("executor") / primes.get("threads"));
    System.out.printf(
        "sleep:  gil is %.2fx sequential's speed, threads %.2fx sequential's (gil/threads wall %.3f)%n",
        sleep.get("sequential") / sleep.get("gil"),
        sleep.get("sequential") / sleep.get("threads"),
        sleep.get("gil") / sleep.get("threads"));
  }

  /** Runs every contender {@code rounds} times on one workload; returns the median wall ms of each. */
  private static Map<String, Double> scenario(String name, WorkloadSpec spec, int rounds, int workers)
      throws Exception {
    Workload workload = Workloads.named(name).orElseThrow();
    Map<String, List<Long>> walls = new LinkedHashMap<>();
    CONTENDERS.forEach(contender -> walls.put(contender, new ArrayList<>()));
    Long checksum = null;
    System.out.printf("%n%s: %d tasks of size %d%n", name, spec.tasks(), spec.size());
    for (int round = 0; round <= rounds; round++) {
      StringBuilder line = new StringBuilder(String.format("  round %d", round));
      for (String contender : CONTENDERS) {
        long[] run =
            contender.equals("executor")
                ? executor(workload, spec, workers)
                : actorlab(contender, workload, spec, workers);
        if (checksum == null) {
          checksum = run[1];
        } else if (checksum != run[1]) {
          throw new IllegalStateException(contender + " computed " + run[1] + ", not " + checksum);
        }
        if (round > 0) {
          walls.get(contender).add(run[0]);
        }
        line.append(String.format("  %s %.1f ms", contender, run[0] / 1e6));
      }
      System.out.println(line);
    }
    Map<String, Double> medians = new LinkedHashMap<>();
    walls.forEach(
        (contender, times) -> {
          medians.put(contender, median(times) / 1e6);
          System.out.printf(
              "  %-10s median %8.1f ms  (min %.1f, max %.1f)%n",
              contender,
              median(times) / 1e6,
              times.stream().mapToLong(Long::longValue).min().getAsLong() / 1e6,
              times.stream().mapToLong(Long::longValue).max().getAsLong() / 1e6);
        });
    System.out.println("  checksum " + checksum + ", equal in every run");
    return medians;
  }

  /** One run through actorlab: {wall nanos, checksum}. */
  private static long[] actorlab(String mode, Workload workload, WorkloadSpec spec, int workers)
      throws Exception {
    RunReport report =
        WorkloadRun.run(ActorLab.mode(mode).workers(workers), workload, spec, RunListener.NONE);
    return new long[] {report.wallNanos(), report.checksum()};
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
            ((PreparedWorkload<Object, Object>) prepared).summarize(outputs, counter -> 0).checksum();
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

  /** Runs blocking sections directly; neither workload uses a shared counter. */
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
