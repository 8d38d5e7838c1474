import io.actorlab.api.ActorLab;
import io.actorlab.api.RunListener;
import io.actorlab.api.WorkerPool;
import io.actorlab.api.WorkloadRun;
import io.actorlab.measure.RunReport;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadSpec;
import io.actorlab.workload.Workloads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a process costs, measured side by side in one run: start-up of the processes mode (spawn until
 * every worker is ready), its CPU-bound speed against gil and threads excluding start-up, and the
 * per-task overhead of processes against threads with tasks that do nearly nothing. CPU-bound speed is
 * measured twice on each pool: on its first run ("cold": a new worker JVM still compiles the task's
 * code, part of what a process costs to start) and on a second run of the same tasks ("warm": the JIT
 * done, as it is for the in-JVM modes after the first round). The no-op overhead is measured warm.
 * Modes run interleaved, rounds repeated, medians reported.
 *
 * <p>Run: {@code bench/run ProcessesCost [rounds=5] [workers=2]}
 */
public final class ProcessesCost {

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    System.out.printf(
        "%d workers, %d rounds (+1 warm-up), Java %s, %d cores%n",
        workers, rounds, Runtime.version(), Runtime.getRuntime().availableProcessors());

    Workload primes = Workloads.named("primes").orElseThrow();
    WorkloadSpec cpu = new WorkloadSpec(32, 400_000, null);
    Workload noop = Workloads.named("sum-loop").orElseThrow();
    WorkloadSpec tiny = new WorkloadSpec(2_000, 1, null);
    List<String> modes = List.of("gil", "threads", "processes");

    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (int round = 0; round <= rounds; round++) {
      StringBuilder line = new StringBuilder("round " + round + ":");
      for (String mode : modes) {
        try (WorkerPool pool = ActorLab.mode(mode).workers(workers).start()) {
          RunReport cold = WorkloadRun.runOn(pool, primes, cpu, RunListener.NONE);
          RunReport warm = WorkloadRun.runOn(pool, primes, cpu, RunListener.NONE);
          record(series, round, "primes cold wall ms " + mode, cold.wallNanos() / 1e6, line);
          record(series, round, "primes warm wall ms " + mode, warm.wallNanos() / 1e6, line);
          if (mode.equals("processes")) {
            record(series, round, "processes start-up ms", cold.startupNanos() / 1e6, line);
          }
        }
      }
      for (String mode : List.of("threads", "processes")) {
        try (WorkerPool pool = ActorLab.mode(mode).workers(workers).start()) {
          WorkloadRun.runOn(pool, noop, tiny, RunListener.NONE); // warms the JIT on both sides
          RunReport report = WorkloadRun.runOn(pool, noop, tiny, RunListener.NONE);
          record(
              series,
              round,
              "no-op task overhead us " + mode,
              report.wallNanos() / 1e3 / tiny.tasks(),
              line);
        }
      }
      System.out.println(line);
    }
    System.out.println();
    Map<String, Double> medians = new LinkedHashMap<>();
    series.forEach(
        (name, values) -> {
          medians.put(name, median(values));
          System.out.printf(
              "%-32s median %9.1f  (min %.1f, max %.1f)%n",
              name,
              median(values),
              values.stream().mapToDouble(Double::doubleValue).min().getAsDouble(),
              values.stream().mapToDouble(Double::doubleValue).max().getAsDouble());
        });
    for (String state : List.of("cold", "warm")) {
      System.out.printf(
          "%nprimes, %s pools, excluding start-up: processes is %.2fx faster than gil, threads %.2fx;"
              + " processes takes %.2fx threads' time",
          state,
          medians.get("primes " + state + " wall ms gil")
              / medians.get("primes " + state + " wall ms processes"),
          medians.get("primes " + state + " wall ms gil")
              / medians.get("primes " + state + " wall ms threads"),
          medians.get("primes " + state + " wall ms processes")
              / medians.get("primes " + state + " wall ms threads"));
    }
    System.out.println();
    System.out.printf(
        "no-op tasks: processes costs %.1f us a task amortized, threads %.1f us (%.0fx)%n",
        medians.get("no-op task overhead us processes"),
        medians.get("no-op task overhead us threads"),
        medians.get("no-op task overhead us processes")
            / medians.get("no-op task overhead us threads"));
  }

  private static void record(
      Map<String, List<Double>> series, int round, String name, double value, StringBuilder line) {
    line.append(String.format("  %s %.1f", name, value));
    if (round > 0) {
      series.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
