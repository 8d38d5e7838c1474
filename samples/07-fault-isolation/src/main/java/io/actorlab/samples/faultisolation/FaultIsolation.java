package io.actorlab.samples.faultisolation;

import io.actorlab.api.ActorLab;
import io.actorlab.api.WorkerPool;
import io.actorlab.compare.ChildJvm;
import io.actorlab.samples.common.SampleSupport;
import io.actorlab.task.TaskFailedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * Sample 07: one poisoned task among many — it calls {@code System.exit(3)} or fills the heap — first
 * under {@code threads}, then under {@code processes}.
 *
 * <p>Under {@code threads} every task shares one JVM, so the poison ends them all. That part runs in a
 * child JVM (this class again, with {@code in-child=threads}) that prints each result as it arrives; this
 * JVM survives to count what never came. Under {@code processes} the poison ends one worker JVM: the
 * pool replaces it and hands the task to another worker, up to {@code actorlab.tasks.max-deliveries}
 * times, then reports that task FAILED, and every other result arrives.
 *
 * <p>Run: {@code samples/run 07 [poison=exit|oom] [tasks=12] [poison-at=5] [size=300000] [workers=2]
 * [max-deliveries=3] [timeout-s=120]}
 */
public final class FaultIsolation {

  private FaultIsolation() {}

  /** What one mode's run came to. */
  private record Outcome(
      String mode, int tasks, int results, int failed, int jvms, long wallNanos, String happened) {}

  /** Runs both modes and prints the table; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options =
        SampleSupport.options(
            args,
            Map.of(
                "poison", "exit",
                "tasks", "12",
                "poison-at", "5",
                "size", "300000",
                "workers", "2",
                "max-deliveries", "3",
                "timeout-s", "120",
                "in-child", ""));
    int tasks = Integer.parseInt(options.get("tasks"));
    int poisonAt = Integer.parseInt(options.get("poison-at"));
    int workers = Integer.parseInt(options.get("workers"));
    long size = Long.parseLong(options.get("size"));
    long poison = poisonInput(options.get("poison"));
    if (poisonAt < 0 || poisonAt >= tasks) {
      throw new IllegalArgumentException(
          "poison-at=" + poisonAt + " is not a task index; give one from 0 to " + (tasks - 1));
    }
    List<Long> inputs = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      inputs.add(i == poisonAt ? poison : size);
    }
    LoggerFactory.getILoggerFactory();
    if (options.get("in-child").equals("threads")) {
      runAndPrintEach(inputs, workers);
      return;
    }

    long expected = new PoisonTask().run(size, null);
    System.out.printf(
        "%d tasks each count the primes below %d (%d); task %d is poisoned (%s); %d workers%n",
        tasks, size, expected, poisonAt, options.get("poison"), workers);
    List<Outcome> outcomes = new ArrayList<>();
    outcomes.add(threadsInChild(args, tasks, Long.parseLong(options.get("timeout-s"))));
    outcomes.add(
        processes(inputs, workers, Integer.parseInt(options.get("max-deliveries")), poisonAt, expected));

    System.out.printf(
        "%n%-10s %5s %7s %5s %6s %5s %8s  %s%n",
        "mode", "tasks", "results", "lost", "failed", "JVMs", "wall", "what happened");
    for (Outcome o : outcomes) {
      System.out.printf(
          "%-10s %5d %7d %5d %6d %5d %8s  %s%n",
          o.mode, o.tasks, o.results, o.tasks - o.results - o.failed, o.failed, o.jvms,
          String.format("%.1f s", o.wallNanos / 1e9), o.happened);
    }
    System.out.println();
    System.out.println("results: tasks answered with a value; lost: tasks never answered; failed: tasks");
    System.out.println("answered FAILED; JVMs: the JVMs that ran tasks (for processes, every worker JVM"
        + " started, replacements included).");
  }

  private static long poisonInput(String poison) {
    return switch (poison) {
      case "exit" -> PoisonTask.EXIT;
      case "oom" -> PoisonTask.EXHAUST_MEMORY;
      default -> throw new IllegalArgumentException(
          "poison=" + poison + " is not known; use poison=exit (System.exit(3)) or poison=oom");
    };
  }

  /** In the child: a threads pool, and a line per result the moment it arrives. */
  private static void runAndPrintEach(List<Long> inputs, int workers) {
    try (WorkerPool pool = ActorLab.mode("threads").workers(workers).start()) {
      List<CompletableFuture<Void>> printed = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        int index = i;
        printed.add(
            pool.submit(new PoisonTask(), inputs.get(i))
                .thenAccept(count -> System.out.println("result " + index + " " + count))
                .toCompletableFuture());
      }
      CompletableFuture.allOf(printed.toArray(CompletableFuture[]::new)).join();
    }
  }

  /**
   * The threads part in a JVM of its own, with -XX:+ExitOnOutOfMemoryError as a production JVM would
   * have: without it a full heap fails whichever tasks allocate next, the poison's neighbours included.
   */
  private static Outcome threadsInChild(String[] args, int tasks, long timeoutSeconds)
      throws IOException, InterruptedException {
    List<String> command = ChildJvm.javaCommand(FaultIsolation.class.getName());
    command.addAll(command.indexOf("-cp"), List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"));
    command.addAll(List.of(args));
    command.add("in-child=threads");
    long begin = System.nanoTime();
    Process child =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    AtomicInteger results = new AtomicInteger();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                  if (line.startsWith("result ")) {
                    results.incrementAndGet();
                  }
                }
              } catch (IOException e) {
                // the child is gone: what it printed so far is counted
              }
            },
            "child-output");
    reader.start();
    try {
      if (!child.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "the threads child JVM did not end within timeout-s=" + timeoutSeconds + "; it was killed");
      }
    } finally {
      child.descendants().forEach(ProcessHandle::destroyForcibly);
      child.destroyForcibly().waitFor();
      reader.join(TimeUnit.SECONDS.toMillis(5));
    }
    long wall = System.nanoTime() - begin;
    int lost = tasks - results.get();
    String happened =
        child.exitValue() == 0
            ? "the JVM survived (exit code 0): the poison did not end it"
            : String.format(
                "the JVM died with exit code %d, %d of %d results lost", child.exitValue(), lost, tasks);
    return new Outcome("threads", tasks, results.get(), 0, 1, wall, happened);
  }

  /** The same tasks on worker JVMs; counts the worker JVMs this JVM started, replacements included. */
  private static Outcome processes(
      List<Long> inputs, int workers, int maxDeliveries, int poisonAt, long expected) {
    Set<Long> workerPids = ConcurrentHashMap.newKeySet();
    ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
    watch.scheduleAtFixedRate(
        () -> ProcessHandle.current().children().forEach(p -> workerPids.add(p.pid())),
        0, 50, TimeUnit.MILLISECONDS);
    long begin = System.nanoTime();
    int results = 0;
    List<String> failures = new ArrayList<>();
    try (WorkerPool pool =
        ActorLab.mode("processes")
            .workers(workers)
            .set("actorlab.tasks.max-deliveries", maxDeliveries)
            .set(
                "actorlab.cluster.worker-jvm-options",
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"))
            .start()) {
      List<CompletableFuture<Long>> pending = new ArrayList<>();
      for (Long input : inputs) {
        pending.add(pool.submit(new PoisonTask(), input).toCompletableFuture());
      }
      for (int i = 0; i < pending.size(); i++) {
        try {
          long count = pending.get(i).join();
          if (count != expected) {
            throw new IllegalStateException("task " + i + " counted " + count + ", not " + expected);
          }
          results++;
        } catch (java.util.concurrent.CompletionException e) {
          if (!(e.getCause() instanceof TaskFailedException failed)) {
            throw e;
          }
          failures.add("task " + i + " FAILED (" + failed.errorClass() + ")");
        }
      }
    } finally {
      watch.shutdownNow();
    }
    long wall = System.nanoTime() - begin;
    int replacements = workerPids.size() - workers;
    String happened =
        String.format(
            "%d replacement worker JVM%s started; %s after %d deliveries; every other result arrived",
            replacements, replacements == 1 ? "" : "s",
            failures.isEmpty() ? "no task failed" : String.join(", ", failures), maxDeliveries);
    if (failures.size() != 1 || !failures.get(0).startsWith("task " + poisonAt + " ")) {
      throw new IllegalStateException("expected only task " + poisonAt + " to fail, got " + failures);
    }
    return new Outcome("processes", inputs.size(), results, failures.size(), workerPids.size(), wall,
        happened);
  }
}
