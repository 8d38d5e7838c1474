package io.actorlab.samples.iobound;

import io.actorlab.samples.common.SampleSupport;
import io.actorlab.api.ActorLab;
import io.actorlab.api.RunListener;
import io.actorlab.api.WorkloadRun;
import io.actorlab.measure.ProcessMetrics;
import io.actorlab.measure.RunReport;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadSpec;
import io.actorlab.workload.Workloads;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * Sample 03: work that waits. Blocking calls ({@code sleep}, and {@code http}: real GETs to a slow
 * server on 127.0.0.1) under {@code thread-pool}, {@code threads}, {@code virtual} and {@code
 * processes}, then thousands of waits at once.
 *
 * <p>Part 1: with {@code workers} workers, at most that many waits overlap, whatever the mode: the wall
 * time is about ceil(tasks / workers) x wait. A mode that starts worker JVMs runs with {@code
 * process-workers} of them only (a JVM per waiting task would be absurd), and its start-up dwarfs the
 * waits. Part 2: one worker per task, thousands of them. On
 * {@code thread-pool} each worker is a platform thread (an OS thread with its own stack); on
 * {@code virtual} (JDK 21+) a waiting worker parks its virtual thread and frees its carrier, so a
 * handful of platform threads serve them all. Every run goes through {@link WorkloadRun}, the code that
 * measures {@code bin/actorlab run}.
 *
 * <p>Run: {@code samples/run 03 [modes=thread-pool,threads,virtual] [tasks=20] [wait-ms=100]
 * [workers=2,20] [process-workers=2] [fan-out-modes=virtual,thread-pool] [fan-out-tasks=2000] [fan-out-wait-ms=200]
 * [fan-out-workers=2000]}; {@code JAVA_HOME=/path/to/jdk21 samples/run 03} for virtual threads.
 */
public final class IoBound {

  /** Modes whose skipping has been explained once already. */

  private IoBound() {}

  /** Runs both parts; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options =
        SampleSupport.options(
            args,
            Map.of(
                "modes", "thread-pool,threads,virtual,processes",
                "tasks", "20",
                "wait-ms", "100",
                "workers", "2,20",
                "process-workers", "2",
                "fan-out-modes", "virtual,thread-pool",
                "fan-out-tasks", "2000",
                "fan-out-wait-ms", "200",
                "fan-out-workers", "2000"));
    // Start SLF4J before Pekko logs anything, or it replays the early lines with a warning.
    LoggerFactory.getILoggerFactory();
    System.out.printf(
        "Java %d, %d cores%n", Runtime.version().feature(), Runtime.getRuntime().availableProcessors());

    int tasks = Integer.parseInt(options.get("tasks"));
    long wait = Long.parseLong(options.get("wait-ms"));
    int[] workerCounts =
        Arrays.stream(options.get("workers").split(",")).mapToInt(Integer::parseInt).toArray();
    int processWorkers = Integer.parseInt(options.get("process-workers"));
    List<String> modes = available(options.get("modes").split(","));
    // Warm-up, not reported: the first pool of a JVM loads Pekko's classes and the first GET starts
    // the HTTP client; neither is what this sample is about.
    for (String mode : modes) {
      measure(mode, 2, "sleep", 2, 1);
      measure(mode, 2, "http", 4, 1);
    }
    System.out.printf(
        "%nPart 1: %d tasks that each wait %d ms; at most `workers` waits overlap%n", tasks, wait);
    System.out.printf(
        "%-8s %-12s %8s %10s %10s %12s %12s%n",
        "workload", "mode", "workers", "start-up", "wall", "ideal wall", "checksum");
    for (String workload : List.of("sleep", "http")) {
      for (String mode : modes) {
        for (int workers : spawnsJvms(mode) ? new int[] {processWorkers} : workerCounts) {
          Measured run = measure(mode, workers, workload, tasks, wait);
          long ideal = (tasks + workers - 1) / workers * wait;
          System.out.printf(
              "%-8s %-12s %8d %10s %10s %9d ms %12d%n",
              workload, mode, workers, millis(run.report.startupNanos()),
              millis(run.report.wallNanos()), ideal, run.report.checksum());
        }
      }
    }

    int fanTasks = Integer.parseInt(options.get("fan-out-tasks"));
    long fanWait = Long.parseLong(options.get("fan-out-wait-ms"));
    int fanWorkers = Integer.parseInt(options.get("fan-out-workers"));
    System.out.printf(
        "%nPart 2: fan-out, %d tasks that each sleep %d ms, on %d workers%n",
        fanTasks, fanWait, fanWorkers);
    List<String> fanModes = available(options.get("fan-out-modes").split(","));
    System.out.printf(
        "%-12s %10s %10s %10s %10s %16s %12s%n",
        "mode", "start-up", "wall", "p50", "p99", "platform threads", "RSS growth");
    for (String mode : fanModes) {
      Measured run = measure(mode, fanWorkers, "sleep", fanTasks, fanWait);
      System.out.printf(
          "%-12s %10s %10s %10s %10s %16d %9d MB%n",
          mode, millis(run.report.startupNanos()), millis(run.report.wallNanos()),
          millis(run.report.latency().p50()), millis(run.report.latency().p99()),
          run.peakPlatformThreads, run.rssGrowthBytes >> 20);
    }
    System.out.println();
    System.out.println(
        "platform threads: the most live platform (OS) threads of this JVM during the run, all of"
            + " them, not only workers.");
    System.out.println(
        "RSS growth: the highest resident memory during the run minus before the pool started.");
  }

  /** A run's report, with the platform threads and memory it took. */
  private record Measured(RunReport report, int peakPlatformThreads, long rssGrowthBytes) {}

  private static Measured measure(String mode, int workers, String name, int tasks, long waitMillis)
      throws Exception {
    Workload workload = Workloads.named(name).orElseThrow();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.gc(); // so that garbage of the previous run does not count as this run's memory
    long rssBefore = ProcessMetrics.currentRssBytes();
    threads.resetPeakThreadCount();
    AtomicLong rssPeak = new AtomicLong(rssBefore);
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                rssPeak.accumulateAndGet(ProcessMetrics.currentRssBytes(), Math::max);
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "rss-sampler");
    sampler.setDaemon(true);
    sampler.start();
    try {
      RunReport report =
          WorkloadRun.run(
              ActorLab.mode(mode).workers(workers),
              workload,
              new WorkloadSpec(tasks, waitMillis, null),
              RunListener.NONE);
      if (report.failed() > 0) {
        throw new IllegalStateException(mode + ": " + report.failed() + " tasks failed: " + report.details());
      }
      return new Measured(report, threads.getPeakThreadCount(), rssPeak.get() - rssBefore);
    } finally {
      sampler.interrupt();
      sampler.join();
    }
  }

  /** True for a mode whose workers are JVMs of their own ({@code processes}, {@code hybrid}). */
  private static boolean spawnsJvms(String mode) {
    return ActorLab.mode(mode).config().getString("actorlab.mode.runner").equals("processes");
  }

  /** The requested modes this installation can run; a line for each one it cannot. */
  private static List<String> available(String[] requested) {
    return SampleSupport.availableModes(
        requested,
        "Virtual threads arrived in Java 21; on older Java, Pekko would quietly run the mode on"
            + " platform threads, so actorlab refuses it. Try JAVA_HOME=/path/to/jdk21 samples/run 03");
  }

  private static String millis(long nanos) {
    double ms = nanos / 1e6;
    return ms < 10 ? String.format("%.2f ms", ms) : String.format("%.0f ms", ms);
  }

}
