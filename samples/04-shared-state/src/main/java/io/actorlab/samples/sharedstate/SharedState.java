package io.actorlab.samples.sharedstate;

import io.actorlab.samples.common.SampleSupport;
import io.actorlab.api.ActorLab;
import io.actorlab.api.WorkerPool;
import io.actorlab.workload.CounterTask;
import io.actorlab.workload.CounterWorkload;
import io.actorlab.workload.PreparedWorkload;
import io.actorlab.workload.WorkloadResult;
import io.actorlab.workload.WorkloadSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Sample 04: many tasks add 1 to one shared counter, in the four ways the built-in {@code counter}
 * workload knows, under several modes.
 *
 * <ul>
 *   <li>{@code unsynchronized}: a plain read, then a write of the value + 1. Two threads that read the
 *       same value both write value + 1, and one update is lost (Python's {@code counter += 1} across
 *       threads).
 *   <li>{@code atomic}: one {@code AtomicLong.addAndGet} per increment; exact, lock-free.
 *   <li>{@code lock}: a {@code ReentrantLock} around each increment (Python's {@code with lock:}).
 *   <li>{@code actor}: the counter belongs to one actor, and an increment is a message to it. The actor
 *       handles one message at a time, so there is no lock and nothing is lost, in one JVM or many.
 * </ul>
 *
 * <p>Under {@code processes} the tasks run in worker JVMs. An {@code AtomicLong} or a lock lives in one
 * JVM's memory: each worker counts in its own, and the counter this JVM reads never moves, so every
 * increment shows as lost. Only the actor's counter is shared, through messages (Python's {@code
 * Manager}, where {@code Value} would need shared memory).
 *
 * <p>The workload prepares the inputs and sums up the result (expected, actual, lost); the tasks run
 * through a {@link WorkerPool}, as your own tasks would.
 *
 * <p>Run: {@code samples/run 04 [modes=sequential,gil,threads,serialize-local,processes]
 * [variants=unsynchronized,atomic,lock,actor] [tasks=4] [increments=2000000] [actor-increments=100000]
 * [workers=2]}
 *
 * <p>The actor variant sends a message per increment, so it gets fewer ({@code actor-increments}) to
 * keep the run short; the table's ns per increment compares the variants whatever the counts. The
 * others get many, so that two tasks surely overlap long enough for the race to show.
 */
public final class SharedState {

  private SharedState() {}

  /** Runs every variant under every mode; see the class comment for the options. */
  public static void main(String[] args) {
    Map<String, String> options =
        SampleSupport.options(
            args,
            Map.of(
                "modes", "sequential,gil,threads,serialize-local,processes",
                "variants", "unsynchronized,atomic,lock,actor",
                "tasks", "4",
                "increments", "2000000",
                "actor-increments", "100000",
                "workers", "2"));
    int tasks = Integer.parseInt(options.get("tasks"));
    long increments = Long.parseLong(options.get("increments"));
    long actorIncrements = Long.parseLong(options.get("actor-increments"));
    int workers = Integer.parseInt(options.get("workers"));
    List<String> variants = Arrays.asList(options.get("variants").split(","));
    // Start SLF4J before Pekko logs anything, or it replays the early lines with a warning.
    LoggerFactory.getILoggerFactory();

    System.out.printf(
        "%d tasks x %d increments of one shared counter (%d for the actor variant); %d workers;"
            + " Java %d, %d cores%n",
        tasks, increments, actorIncrements, workers, Runtime.version().feature(),
        Runtime.getRuntime().availableProcessors());
    List<String> modes = SampleSupport.availableModes(options.get("modes").split(","));
    CounterWorkload counter = new CounterWorkload();
    System.out.printf(
        "%n%-16s %-15s %10s %10s %10s %10s %8s%n",
        "mode", "variant", "expected", "actual", "lost", "time", "ns/inc");
    for (String mode : modes) {
      // One pool per mode: every run counts under a key of its own, so runs never see each other's
      // counts.
      try (WorkerPool pool = ActorLab.mode(mode).workers(workers).start()) {
        // Warm-up, not reported: the first run on a pool loads classes and wakes its threads.
        run(counter, pool, new WorkloadSpec(2, 1_000, "atomic"));
        for (String variant : variants) {
          long count = variant.equals("actor") ? actorIncrements : increments;
          Counted counted = run(counter, pool, new WorkloadSpec(tasks, count, variant));
          Map<String, Object> details = counted.result().details();
          System.out.printf(
              "%-16s %-15s %10d %10d %10d %7d ms %8.1f%n",
              mode, variant, (Long) details.get("expected"), (Long) details.get("actual"),
              (Long) details.get("lost"), counted.nanos() / 1_000_000,
              (double) counted.nanos() / (tasks * count));
        }
      }
    }
    System.out.println();
    System.out.println(
        "lost = expected - actual. time: from the first submit until the counter's final value is read"
            + " (pool start-up not included);\nns/inc: that time over the number of increments.");
    if (modes.contains("processes")) {
      System.out.println(
          "processes: unsynchronized, atomic and lock count in each worker JVM's own memory, so the"
              + " counter read here never moves;\nonly the actor's counter is shared across processes.");
    }
  }

  /** The summary of one run and the time from the first task to the counter's final value. */
  private record Counted(WorkloadResult result, long nanos) {}

  /** One run on {@code pool}: every task through {@link WorkerPool#map}, then the workload's summary. */
  private static Counted run(CounterWorkload counter, WorkerPool pool, WorkloadSpec spec) {
    try (PreparedWorkload<CounterTask.Increments, Long> prepared = counter.prepare(spec)) {
      long start = System.nanoTime();
      List<Long> outputs = pool.map(prepared.task(), prepared.inputs());
      // The pool is also the CounterReader: it asks the counter's actor for its value, after every
      // increment sent so far has been applied.
      WorkloadResult result = prepared.summarize(outputs, pool);
      return new Counted(result, System.nanoTime() - start);
    }
  }
}
