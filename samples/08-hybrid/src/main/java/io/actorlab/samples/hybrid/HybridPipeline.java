package io.actorlab.samples.hybrid;

import io.actorlab.api.ActorLab;
import io.actorlab.api.WorkerPool;
import io.actorlab.samples.common.SampleSupport;
import io.actorlab.workload.HttpTask;
import io.actorlab.workload.HybridTask;
import io.actorlab.workload.HybridWorkload;
import io.actorlab.workload.PreparedWorkload;
import io.actorlab.workload.PrimesTask;
import io.actorlab.workload.WorkloadSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Sample 08: a two-stage pipeline. Stage 1 fetches each item from the local slow HTTP server of the
 * {@code hybrid} workload (50 ms a request: waiting); stage 2 counts primes below a number that depends
 * on what was fetched (computing). Each item goes on to stage 2 the moment its fetch is done.
 *
 * <p>Three ways to run it: everything on threads (fetch on a {@code thread-pool} of {@code
 * fetch-workers} threads, compute on {@code threads}), everything on one {@code processes} pool of
 * {@code workers} worker JVMs (as with one ProcessPoolExecutor), and the hybrid: fetch on threads,
 * compute on worker JVMs. "start" is starting the pools, "run" the first fetch to the last count.
 *
 * <p>Run: {@code samples/run 08 [tasks=40] [size=200000] [workers=2] [fetch-workers=16] [repeat=3]
 * [timeout-s=300]}
 */
public final class HybridPipeline {

  private HybridPipeline() {}

  /** The pools of one way of running the pipeline. */
  private record Plan(
      String name, String fetchMode, int fetchWorkers, String computeMode, int computeWorkers) {

    boolean onePool() {
      return fetchMode.equals(computeMode) && fetchWorkers == computeWorkers;
    }
  }

  /** One measured run. */
  private record Timing(long startNanos, long runNanos, long checksum) {
    long totalNanos() {
      return startNanos + runNanos;
    }
  }

  /** Runs every plan {@code repeat} times, interleaved, and prints the medians. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options =
        SampleSupport.options(
            args,
            Map.of(
                "tasks", "40",
                "size", "200000",
                "workers", "2",
                "fetch-workers", "16",
                "repeat", "3",
                "timeout-s", "300"));
    int tasks = Integer.parseInt(options.get("tasks"));
    long size = Long.parseLong(options.get("size"));
    int workers = Integer.parseInt(options.get("workers"));
    int fetchWorkers = Integer.parseInt(options.get("fetch-workers"));
    int repeat = Integer.parseInt(options.get("repeat"));
    long timeoutSeconds = Long.parseLong(options.get("timeout-s"));
    LoggerFactory.getILoggerFactory();

    List<Plan> plans =
        List.of(
            new Plan("all threads", "thread-pool", fetchWorkers, "threads", workers),
            new Plan("all processes", "processes", workers, "processes", workers),
            new Plan("threads fetch, processes compute", "thread-pool", fetchWorkers, "processes", workers));
    System.out.printf(
        "%d items: fetch (50 ms wait each), then count the primes below ~%d; median of %d; %d cores%n",
        tasks, size, repeat, Runtime.getRuntime().availableProcessors());

    // Warm-up, not measured: the first pool of a JVM loads Pekko's classes.
    ActorLab.mode("threads").workers(workers).start().close();
    Map<Plan, List<Timing>> timings = new LinkedHashMap<>();
    // The server and the inputs of the built-in hybrid workload: one job per item, with its URL.
    try (PreparedWorkload<HybridTask.Job, Long> items =
        new HybridWorkload().prepare(new WorkloadSpec(tasks, size, ""))) {
      for (int round = 0; round < repeat; round++) {
        for (Plan plan : plans) {
          timings
              .computeIfAbsent(plan, p -> new ArrayList<>())
              .add(run(plan, items.inputs(), timeoutSeconds));
        }
      }
    }

    System.out.printf(
        "%n%-34s %-26s %-26s %9s %9s %9s %10s%n",
        "pipeline", "fetch on", "compute on", "start", "run", "total", "checksum");
    Long checksum = null;
    for (Plan plan : plans) {
      Timing median = SampleSupport.median(timings.get(plan), Timing::totalNanos);
      if (checksum != null && median.checksum != checksum) {
        throw new IllegalStateException(plan.name + " computed " + median.checksum + ", not " + checksum);
      }
      checksum = median.checksum;
      System.out.printf(
          "%-34s %-26s %-26s %9s %9s %9s %10d%n",
          plan.name,
          plan.fetchMode + " x" + plan.fetchWorkers,
          plan.onePool() ? "(the same pool)" : plan.computeMode + " x" + plan.computeWorkers,
          seconds(median.startNanos), seconds(median.runNanos), seconds(median.totalNanos()),
          median.checksum);
    }
    System.out.println();
    System.out.println("start: starting the pools (worker JVMs included); run: first fetch to last count;");
    System.out.println(
        "x N: threads, or worker JVMs for processes. Equal checksums: every way computed the same.");
  }

  private static Timing run(Plan plan, List<HybridTask.Job> jobs, long timeoutSeconds) throws Exception {
    long begin = System.nanoTime();
    try (WorkerPool fetch = ActorLab.mode(plan.fetchMode).workers(plan.fetchWorkers).start();
        WorkerPool separate =
            plan.onePool() ? null : ActorLab.mode(plan.computeMode).workers(plan.computeWorkers).start()) {
      WorkerPool compute = separate == null ? fetch : separate;
      long ready = System.nanoTime();
      List<CompletableFuture<Long>> counts = new ArrayList<>();
      for (HybridTask.Job job : jobs) {
        counts.add(
            fetch
                .submit(new HttpTask(), new HttpTask.Request(job.url(), job.timeoutMillis()))
                .thenCompose(digest -> compute.submit(new PrimesTask(), computeInput(job, digest)))
                .toCompletableFuture());
      }
      CompletableFuture.allOf(counts.toArray(CompletableFuture[]::new)).get(timeoutSeconds, TimeUnit.SECONDS);
      long done = System.nanoTime();
      long checksum = counts.stream().mapToLong(CompletableFuture::join).sum();
      return new Timing(ready - begin, done - ready, checksum);
    }
  }

  /** Stage 2's input: the job's bound plus a number taken from what stage 1 fetched. */
  private static long computeInput(HybridTask.Job job, long digest) {
    return job.primesBelow() + Math.floorMod(digest, 1000L);
  }

  private static String seconds(long nanos) {
    return String.format("%.2f s", nanos / 1e9);
  }
}
