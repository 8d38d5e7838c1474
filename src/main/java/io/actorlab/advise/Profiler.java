package io.actorlab.advise;

import com.typesafe.config.Config;
import io.actorlab.api.ActorLab;
import io.actorlab.api.RunListener;
import io.actorlab.api.WarmPool;
import io.actorlab.api.WorkloadRun;
import io.actorlab.cluster.ClusterSettings;
import io.actorlab.measure.ProcessMetrics;
import io.actorlab.measure.RunReport;
import io.actorlab.mode.ActorLabSettings;
import io.actorlab.mode.ModeSettings;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadSpec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Profiles a workload on a short sample, in this JVM: the sample under {@code sequential} gives the
 * task's time and how much of it is CPU (this thread's CPU time: sequential runs tasks on it); the sample under each other mode, on one worker, gives that
 * mode's start-up, its warm-up, its overhead per task and what crosses its boundary. One sequential
 * run first warms the JIT and is thrown away, so the sample measures compiled code, as the full run
 * mostly will.
 *
 * <p>Each other mode's sample runs twice on each of {@value #MODE_RUNS} new pools: first cold, as a
 * full run starts (its start-up, and its warm-up: what this first run took beyond a warm one, such as a
 * new worker JVM loading and compiling the code of its first tasks and messages), then on the same,
 * now warm, pool, which gives the overhead per task and what crosses the boundary. A full run pays the
 * warm-up once, not on every task, so counting the cold run's slowness per task would make a mode with
 * worker JVMs look the worse the more tasks there are.
 *
 * <p>A mode that spawns worker JVMs is sampled with one worker actor in its JVM, so that its tasks
 * too run one at a time, and its start-up once more on a pool of two workers: JVMs that start
 * together share the cores, so each worker beyond the first adds to the start-up, and the model
 * counts it.
 *
 * <p>Each sample is run several times ({@value #SEQUENTIAL_RUNS} sequential, {@value #MODE_RUNS} pools
 * for every other mode) and the fastest run of each kind is kept: on a busy machine a run also waits
 * for a core, which would read as a task that waits, and the least disturbed run is the closest to the
 * task itself.
 */
public final class Profiler {

  /** The baseline mode every overhead is measured against. */
  public static final String BASELINE = "sequential";

  static final int SEQUENTIAL_RUNS = 3;
  static final int MODE_RUNS = 2;

  private final Function<String, ActorLab> labs;

  /**
   * A profiler whose pools come from {@code labs}: a pool configuration of the named mode, with the
   * user's configuration applied.
   */
  public Profiler(Function<String, ActorLab> labs) {
    this.labs = labs;
  }

  /** Hears each sample run as it ends. */
  public interface Listener {

    /** Hears nothing. */
    Listener NONE = sample -> {};

    /** A mode's sample ended. */
    void sampled(Profile.ModeSample sample);
  }

  /**
   * Samples the workload.
   *
   * @param modes the modes to sample besides sequential, each must be runnable on this JVM
   * @param full the full run the advice is for
   * @param sampleTasks tasks per sample run, at most the full run's
   * @throws IOException when the workload cannot be prepared
   */
  public Profile profile(
      Workload workload, WorkloadSpec full, List<String> modes, int sampleTasks, Listener listener)
      throws IOException {
    WorkloadSpec sample =
        new WorkloadSpec(Math.max(1, Math.min(sampleTasks, full.tasks())), full.size(), full.variant());
    run(BASELINE, workload, sample); // warm-up, thrown away
    // Sequential runs every task on this thread, so this thread's CPU time is the tasks' own: the
    // process's would add the JIT, the GC and whatever earlier pools left running. Likewise the time
    // this thread waited for a core while other programs ran: on a busy machine it would make a
    // CPU-bound task look like one that waits (and more workers than cores look useful), so the task's
    // own time leaves it out, as a machine to itself would.
    RunReport sequential = null;
    CallerClock best = null;
    for (int i = 0; i < SEQUENTIAL_RUNS; i++) {
      CallerClock clock = new CallerClock();
      RunReport report = WorkloadRun.run(labs.apply(BASELINE).workers(1), workload, sample, clock);
      if (best == null || clock.ownNanos(report) < best.ownNanos(sequential)) {
        sequential = report;
        best = clock;
      }
    }
    double cpuFraction = best.cpuFraction(sequential);
    double tasks = sample.tasks();
    double taskNanos = best.ownNanos(sequential) / tasks;

    List<Profile.ModeSample> samples = new ArrayList<>();
    samples.add(
        sample(
            BASELINE,
            new Runs(List.of(sequential), List.of(sequential), List.of()),
            sequential,
            tasks,
            true,
            false,
            1));
    listener.sampled(samples.get(0));
    for (String mode : modes) {
      if (mode.equals(BASELINE)) {
        continue;
      }
      Config config = labs.apply(mode).config();
      ModeSettings settings = ActorLabSettings.create(config).mode();
      ClusterSettings cluster = ClusterSettings.create(config);
      boolean spawns =
          settings.runner() == ModeSettings.Runner.PROCESSES && cluster.seedNodes().isEmpty();
      List<RunReport> colds = new ArrayList<>();
      List<RunReport> warms = new ArrayList<>();
      List<RunReport> pairs = new ArrayList<>();
      for (int i = 0; i < MODE_RUNS && failed(new Runs(colds, warms, pairs)) == null; i++) {
        try (WarmPool pool = new WarmPool(oneTaskAtATime(mode, 1, spawns))) {
          RunReport cold = pool.run(workload, sample, RunListener.NONE);
          colds.add(cold);
          if (cold.failed() == 0) {
            warms.add(pool.run(workload, sample, RunListener.NONE));
          }
        }
      }
      if (spawns && failed(new Runs(colds, warms, pairs)) == null) {
        try (WarmPool pool = new WarmPool(oneTaskAtATime(mode, 2, spawns))) {
          pairs.add(pool.run(workload, sample, RunListener.NONE));
        }
      }
      samples.add(
          sample(
              mode,
              new Runs(colds, warms, pairs),
              sequential,
              tasks,
              settings.runner() == ModeSettings.Runner.CALLER,
              settings.gil(),
              spawns ? cluster.workersPerNode() : 1));
      listener.sampled(samples.get(samples.size() - 1));
    }
    return new Profile(
        workload.name(),
        sequential.variant(),
        full.size(),
        full.tasks(),
        sample.tasks(),
        ProcessMetrics.availableCores(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.version().feature(),
        taskNanos,
        cpuFraction,
        sequential.checksum(),
        samples);
  }

  /**
   * Reads, as each task of a sequential run ends on this thread, the time, this thread's CPU time and
   * how long it has waited for a core. Between the first task's end and the last one's, the thread
   * does nothing but run tasks, so the differences are the tasks' own, without what preparing,
   * starting and closing the run took.
   */
  private static final class CallerClock implements RunListener {
    private long firstNanos;
    private long firstCpu;
    private long firstQueued;
    private long lastNanos;
    private long lastCpu;
    private long lastQueued;
    private long ended;

    @Override
    public void completed(long completed) {
      long now = System.nanoTime();
      long cpu = threadCpuNanos();
      long queued = ProcessMetrics.threadRunQueueNanos();
      if (ended == 0) {
        firstNanos = now;
        firstCpu = cpu;
        firstQueued = queued;
      }
      lastNanos = now;
      lastCpu = cpu;
      lastQueued = queued;
      ended++;
    }

    /** True when tasks after the first were timed and the thread's CPU time is measured. */
    private boolean timed() {
      return ended >= 2 && firstCpu >= 0 && lastNanos > firstNanos;
    }

    /**
     * The time the run's tasks took on their own: the wall time, less the share of it this thread
     * spent waiting for a core while the tasks after the first ran; the plain wall time when that is
     * not measured.
     */
    double ownNanos(RunReport report) {
      if (!timed() || firstQueued < 0) {
        return report.wallNanos();
      }
      double span = lastNanos - firstNanos;
      double own = Math.max(lastCpu - firstCpu, span - (lastQueued - firstQueued));
      return Math.max(1, own / span * report.wallNanos());
    }

    /** CPU time over own time of the tasks after the first; 1.0 (CPU-bound) when not measured. */
    double cpuFraction(RunReport report) {
      if (!timed()) {
        return 1.0;
      }
      double ownSpan = ownNanos(report) / report.wallNanos() * (lastNanos - firstNanos);
      return Math.min(1.0, (lastCpu - firstCpu) / ownSpan);
    }
  }

  /** CPU time of this thread so far, or -1 when the JVM does not measure it. */
  private static long threadCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled()
        ? threads.getCurrentThreadCpuTime()
        : -1;
  }

  /**
   * A pool of the mode on {@code workers}; for a mode that spawns worker JVMs, each with one worker
   * actor, so that it too runs one task at a time.
   */
  private ActorLab oneTaskAtATime(String mode, int workers, boolean spawns) {
    ActorLab lab = labs.apply(mode).workers(workers);
    return spawns ? lab.set("actorlab.cluster.workers-per-node", 1) : lab;
  }

  /**
   * A mode's sample runs: each pool's first run ({@code colds}), its runs once warm ({@code warms}),
   * and the first runs of pools of two workers ({@code pairs}, for a mode that spawns worker JVMs).
   */
  record Runs(List<RunReport> colds, List<RunReport> warms, List<RunReport> pairs) {

    Stream<RunReport> all() {
      return Stream.of(colds, warms, pairs).flatMap(List::stream);
    }
  }

  private RunReport run(String mode, Workload workload, WorkloadSpec sample) throws IOException {
    return WorkloadRun.run(labs.apply(mode).workers(1), workload, sample, RunListener.NONE);
  }

  /**
   * A mode's sample from its pools' first runs ({@code colds}: the least start-up, and the warm-up as
   * what the fastest of them took beyond the fastest warm run), from the runs on the same pools once
   * warm ({@code warms}: the fastest gives everything else; none when the first run failed), and from
   * the first runs of pools of two ({@code pairs}: the least of their start-ups beyond the least of the
   * one-worker pools' is what each more worker adds; none, nothing added). A run with failed tasks, or
   * with another answer than sequential's, decides the failures and the checksum, to be seen.
   */
  static Profile.ModeSample sample(
      String mode,
      Runs runs,
      RunReport sequential,
      double tasks,
      boolean callerRuns,
      boolean gil,
      int tasksPerWorker) {
    List<RunReport> colds = runs.colds();
    RunReport warm = fastest(runs.warms().isEmpty() ? colds : runs.warms());
    RunReport cold = fastest(colds);
    RunReport failed = failed(runs);
    long checksum =
        runs.all()
            .mapToLong(RunReport::checksum)
            .filter(sum -> sum != sequential.checksum())
            .findFirst()
            .orElse(sequential.checksum());
    long startup = leastStartup(colds);
    return new Profile.ModeSample(
        mode,
        callerRuns,
        gil,
        tasksPerWorker,
        warm.wallNanos(),
        startup,
        runs.pairs().isEmpty() ? 0 : Math.max(0, leastStartup(runs.pairs()) - startup),
        Math.max(0, cold.wallNanos() - warm.wallNanos()),
        // At least what serializing cost, which the wall times of so few tasks may hide in noise.
        Math.max(
            (warm.boundary().serializeNanos() + warm.boundary().deserializeNanos()) / tasks,
            (warm.wallNanos() - sequential.wallNanos()) / tasks),
        warm.boundary().bytes() / tasks,
        (warm.boundary().serializeNanos() + warm.boundary().deserializeNanos()) / tasks,
        checksum,
        failed == null ? 0 : failed.failed());
  }

  private static RunReport fastest(List<RunReport> runs) {
    return runs.stream().min(Comparator.comparingLong(RunReport::wallNanos)).orElseThrow();
  }

  private static long leastStartup(List<RunReport> started) {
    return started.stream().mapToLong(RunReport::startupNanos).min().orElseThrow();
  }

  /** The first of these runs in which tasks failed, or null. */
  private static RunReport failed(Runs runs) {
    return runs.all().filter(run -> run.failed() > 0).findFirst().orElse(null);
  }
}
