import io.actorlab.api.ActorLab;
import io.actorlab.api.WorkerPool;
import io.actorlab.measure.ProcessMetrics;
import io.actorlab.workload.SumLoopTask;
import java.util.Iterator;

/**
 * Memory of a map over many inputs: streams N near-no-op tasks (sum-loop of 1 iteration) through a
 * pool with inputs made lazily, and prints this JVM's peak RSS. Run it once per size, each in a fresh
 * JVM, and compare: with back-pressure (actorlab.tasks.max-pending) the peak should not grow with N.
 *
 * <p>Run: {@code bench/run BackPressure [tasks=1000000] [mode=threads] [workers=2]}
 */
public final class BackPressure {

  public static void main(String[] args) {
    long tasks = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    String mode = args.length > 1 ? args[1] : "threads";
    int workers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Iterator<SumLoopTask.Loop> inputs =
        new Iterator<>() {
          private long next;

          @Override
          public boolean hasNext() {
            return next < tasks;
          }

          @Override
          public SumLoopTask.Loop next() {
            return new SumLoopTask.Loop(next++, 1);
          }
        };
    long start = System.nanoTime();
    long results;
    try (WorkerPool pool = ActorLab.mode(mode).workers(workers).start()) {
      results = pool.stream(new SumLoopTask(), inputs).count();
    }
    System.out.printf(
        "%s, %d workers: %,d tasks in %.1f s, peak RSS %d MB%n",
        mode,
        workers,
        results,
        (System.nanoTime() - start) / 1e9,
        ProcessMetrics.peakRssBytes() >> 20);
  }
}
