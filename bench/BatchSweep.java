import io.actorlab.api.ActorLab;
import io.actorlab.api.RunListener;
import io.actorlab.api.WorkerPool;
import io.actorlab.api.WorkloadRun;
import io.actorlab.measure.RunReport;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadSpec;
import io.actorlab.workload.Workloads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What actorlab.tasks.batch-size buys: µs per near-empty task (sum-loop of 1 iteration) through a warm
 * pool, for each chunk size, in threads and in processes, side by side in one run. Each (mode, size)
 * gets its own pool; it first runs the tasks {@code warm-ups} times untimed (the JIT of a fresh worker
 * JVM takes tens of thousands of tasks to settle), then {@code rounds} timed runs, whose median is
 * reported with min and max. Modes alternate for every size, so drift on the machine hits both alike.
 *
 * <p>Run: {@code bench/run BatchSweep [rounds=5] [workers=2] [tasks=4000] [sizes=1,4,16,64,256,auto]
 * [warm-ups=3]}; {@code -Dactorlab.tasks.prefetch=N} (before the class) sets prefetch for all.
 */
public final class BatchSweep {

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int tasks = args.length > 2 ? Integer.parseInt(args[2]) : 4_000;
    List<String> sizes =
        Arrays.asList((args.length > 3 ? args[3] : "1,4,16,64,256,auto").split(","));
    int warmUps = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    System.out.printf(
        "%d workers, %d tasks a run, %d warm-ups + %d timed rounds per pool, Java %s, %d cores,"
            + " load average %.1f%n",
        workers,
        tasks,
        warmUps,
        rounds,
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    Workload noop = Workloads.named("sum-loop").orElseThrow();
    WorkloadSpec tiny = new WorkloadSpec(tasks, 1, null);
    List<String> modes = List.of("threads", "processes");
    Map<String, double[]> table = new LinkedHashMap<>();
    for (String size : sizes) {
      for (String mode : modes) {
        ActorLab lab =
            ActorLab.mode(mode)
                .workers(workers)
                .set("actorlab.tasks.batch-size", size)
                .set("actorlab.start-timeout", "300s");
        List<Double> micros = new ArrayList<>();
        try (WorkerPool pool = lab.start()) {
          for (int run = 0; run < warmUps + rounds; run++) {
            RunReport report = WorkloadRun.runOn(pool, noop, tiny, RunListener.NONE);
            if (report.completed() != tasks) {
              throw new IllegalStateException(mode + " completed " + report.completed());
            }
            if (run >= warmUps) {
              micros.add(report.wallNanos() / 1e3 / tasks);
            }
          }
        }
        micros.sort(null);
        double[] row = {micros.get(micros.size() / 2), micros.get(0), micros.get(micros.size() - 1)};
        table.put(mode + " " + size, row);
        System.out.printf(
            "batch-size %4s  %-9s  median %8.1f us/task  (min %.1f, max %.1f)%n",
            size, mode, row[0], row[1], row[2]);
      }
    }
    System.out.printf("%n%-10s", "batch-size");
    modes.forEach(mode -> System.out.printf("  %14s", mode + " us/task"));
    System.out.println();
    for (String size : sizes) {
      System.out.printf("%-10s", size);
      for (String mode : modes) {
        System.out.printf("  %14.1f", table.get(mode + " " + size)[0]);
      }
      System.out.println();
    }
  }
}
