package io.actorlab.samples.cpubound;

import io.actorlab.samples.common.SampleSupport;
import io.actorlab.api.ActorLab;
import io.actorlab.api.WorkerPool;
import io.actorlab.workload.PrimesTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Sample 02: CPU-bound work (counting primes) under several modes, over a sweep of task sizes, to find
 * where parallelism starts paying for its start-up: the crossover.
 *
 * <p>Every cell starts a fresh pool, runs {@code tasks} equal tasks through {@link WorkerPool#map} and
 * closes the pool, {@code repeat} times (modes interleaved, so machine noise hits all alike); the table
 * shows medians. "start" is {@link ActorLab#start()} until the pool is ready (every worker started),
 * "run" is the {@code map} call, "total" their sum: what a caller of a short job waits for.
 *
 * <p>The mode list is a parameter. A mode with no file in conf/modes (such as {@code processes} until it
 * is built) is skipped with a line saying so, and so is a mode that needs a newer Java.
 *
 * <p>Run: {@code samples/run 02 [modes=sequential,gil,threads,processes]
 * [sizes=1000,10000,100000,1000000] [tasks=8] [workers=2] [repeat=3]}
 */
public final class CpuBound {

  private CpuBound() {}

  /** Runs the sweep; see the class comment for the options. */
  public static void main(String[] args) {
    Map<String, String> options =
        SampleSupport.options(
            args,
            Map.of(
                "modes", "sequential,gil,threads,processes",
                "sizes", "1000,10000,100000,1000000",
                "tasks", "8",
                "workers", "2",
                "repeat", "3"));
    int tasks = Integer.parseInt(options.get("tasks"));
    int workers = Integer.parseInt(options.get("workers"));
    int repeat = Integer.parseInt(options.get("repeat"));
    long[] sizes = Arrays.stream(options.get("sizes").split(",")).mapToLong(Long::parseLong).toArray();
    // Start SLF4J before Pekko logs anything, or it replays the early lines with a warning.
    LoggerFactory.getILoggerFactory();

    System.out.printf(
        "primes: %d tasks, each counts the primes below SIZE; %d workers; median of %d; Java %d,"
            + " %d cores%n",
        tasks, workers, repeat, Runtime.version().feature(), Runtime.getRuntime().availableProcessors());
    List<String> modes = SampleSupport.availableModes(options.get("modes").split(","));
    if (!modes.contains("sequential")) {
      throw new IllegalArgumentException("modes must include sequential: it is the baseline");
    }

    // Warm-up, not measured: the JIT compiles the prime test, and each mode loads its classes once.
    for (String mode : modes) {
      run(mode, workers, sizes[0], tasks);
    }
    run("sequential", workers, Math.min(100_000, sizes[sizes.length - 1]), tasks);

    System.out.printf(
        "%n%-9s %-12s %10s %10s %10s %8s %8s %10s%n",
        "size", "mode", "start", "run", "total", "run x", "total x", "checksum");
    Map<String, Long> crossover = new LinkedHashMap<>();
    for (long size : sizes) {
      Map<String, List<Cell>> cells = new LinkedHashMap<>();
      for (int r = 0; r < repeat; r++) {
        for (String mode : modes) {
          cells.computeIfAbsent(mode, m -> new ArrayList<>()).add(run(mode, workers, size, tasks));
        }
      }
      Cell baseline = SampleSupport.median(cells.get("sequential"), Cell::totalNanos);
      String label = String.valueOf(size);
      for (String mode : modes) {
        Cell cell = SampleSupport.median(cells.get(mode), Cell::totalNanos);
        if (cell.checksum != baseline.checksum) {
          throw new IllegalStateException(
              mode + " counted " + cell.checksum + " primes, sequential " + baseline.checksum);
        }
        System.out.printf(
            "%-9s %-12s %10s %10s %10s %7.2fx %7.2fx %10d%n",
            label, mode, millis(cell.startNanos), millis(cell.runNanos), millis(cell.totalNanos()),
            (double) baseline.runNanos / cell.runNanos,
            (double) baseline.totalNanos() / cell.totalNanos(),
            cell.checksum);
        label = "";
        if (!mode.equals("sequential") && cell.totalNanos() < baseline.totalNanos()) {
          crossover.putIfAbsent(mode, size);
        }
      }
    }

    System.out.println();
    System.out.println("run x, total x: speed-up over sequential, without and with the pool's start-up.");
    System.out.println("crossover (the first size at which the total, start-up included, beats sequential):");
    for (String mode : modes) {
      if (!mode.equals("sequential")) {
        Long size = crossover.get(mode);
        System.out.printf(
            "  %-12s %s%n", mode, size == null ? "none in this sweep" : "from size " + size);
      }
    }
  }

  /** One measured run: start, map, close. */
  private record Cell(long startNanos, long runNanos, long checksum) {
    long totalNanos() {
      return startNanos + runNanos;
    }
  }

  private static Cell run(String mode, int workers, long size, int tasks) {
    List<Long> inputs = Collections.nCopies(tasks, size);
    long begin = System.nanoTime();
    try (WorkerPool pool = ActorLab.mode(mode).workers(workers).start()) {
      long ready = System.nanoTime();
      List<Long> counts = pool.map(new PrimesTask(), inputs);
      long done = System.nanoTime();
      return new Cell(ready - begin, done - ready, counts.stream().mapToLong(Long::longValue).sum());
    }
  }



  private static String millis(long nanos) {
    double ms = nanos / 1e6;
    return ms < 10 ? String.format("%.2f ms", ms) : String.format("%.0f ms", ms);
  }

}
