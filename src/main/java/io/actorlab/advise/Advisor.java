package io.actorlab.advise;

import io.actorlab.report.Units;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns a {@link Profile} into {@link Advice}: predicts each mode's full run from the sample and picks
 * the best.
 *
 * <p>The model, per task of time {@code T} of which a fraction {@code c} is CPU, on {@code K} workers
 * that run {@code P} tasks at once each (a worker JVM of {@code hybrid} runs several; every other
 * worker one), of a mode whose measured overhead per task is {@code o}: a task keeps a worker slot
 * busy {@code T + o} and a core busy {@code cT + o}. Slots overlap everything, cores only the CPU part,
 * and under a GIL (or on the caller) only one task computes at a time. So {@code N} tasks take
 *
 * <pre>
 *   wall = max( ceil(N / KP) * (T + o),  N * (cT + o) / min(KP, cores) )      (a GIL: cores = 1)
 * </pre>
 *
 * and the speed-up is {@code N * T / wall}. Start-up is outside wall, as in {@code compare}: the
 * sample's, plus, for worker JVMs, what each worker beyond the first adds (measured on a pool of two:
 * JVMs that start together share the cores). Each mode's worker count, and the ranking of the modes,
 * go by wall plus start-up plus warm-up, the time a user waits for the result, and a mode whose extra
 * start-up eats its gain is not recommended. The worker count tried goes from 1 to enough slots to
 * keep every core busy while tasks wait ({@code cores / c}), at most the number of tasks and {@value
 * #MAX_WORKERS}; a smaller count within {@value #CLOSE_PERCENT}% of the best wins.
 */
public final class Advisor {

  static final int MAX_WORKERS = 256;
  static final int CLOSE_PERCENT = 3;

  /** The mode a pool runs when none is named: threads of a fork-join pool. */
  static final String DEFAULT_MODE = "threads";

  /** Below this predicted speed-up a parallel mode is not worth its start-up and complexity. */
  static final double WORTHWHILE = 1.1;

  private Advisor() {}

  /** The advice for a profile. */
  public static Advice advise(Profile profile) {
    List<Advice.Prediction> predictions = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    for (Profile.ModeSample sample : profile.modes()) {
      if (!sample.trustworthy(profile.checksum())) {
        excluded.add(
            sample.failed() > 0
                ? sample.mode() + ": " + sample.failed() + " tasks failed in the sample"
                : sample.mode()
                    + ": computed a different checksum ("
                    + sample.checksum()
                    + ", sequential "
                    + profile.checksum()
                    + ") — a wrong answer, so it is not a candidate");
        continue;
      }
      predictions.add(predict(profile, sample));
    }
    // Soonest result first: the predicted wall time plus the start-up and warm-up the sample
    // measured, which is what a user waits for (and what separates modes whose wall times are a tie).
    predictions.sort(
        Comparator.comparingDouble(Advisor::total).thenComparingInt(Advice.Prediction::workers));
    // Then the plainest of the modes the sample cannot tell apart from the soonest.
    List<Advice.Prediction> tied = tiedWithSoonest(predictions);
    Advice.Prediction plainest = tied.stream().min(plainestFirst(profile)).orElseThrow();
    predictions.remove(plainest);
    predictions.add(0, plainest);
    Advice.Prediction sequential =
        predictions.stream()
            .filter(p -> p.mode().equals(Profiler.BASELINE))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the profile has no sequential sample"));
    // The parallel mode with the most speed-up, to weigh against staying sequential.
    Advice.Prediction best =
        predictions.stream()
            .filter(p -> !p.mode().equals(Profiler.BASELINE))
            .max(Comparator.comparingDouble(Advice.Prediction::speedup))
            .orElse(sequential);
    double gain = sequential.wallNanos() - best.wallNanos();
    double extraStartup = best.oneOffNanos() - sequential.oneOffNanos();
    Advice.Prediction first = predictions.get(0);
    Advice.Prediction recommended =
        first.speedup() >= WORTHWHILE && !first.mode().equals(Profiler.BASELINE)
            ? first
            : sequential;
    if (!recommended.mode().equals(Profiler.BASELINE)) {
      best = recommended;
    }
    List<String> reasons = reasons(profile, predictions, best, recommended, gain, extraStartup);
    if (recommended == plainest && tied.size() > 1) {
      reasons.add(
          reasons.size() - 1,
          String.join(", ", tied.stream().map(Advice.Prediction::mode).toList())
              + " are predicted within "
              + CLOSE_PERCENT
              + "% of each other, closer than a short sample tells apart: "
              + plainest.mode()
              + " is the plainest of them (without a GIL's lock first, then serializing nothing,"
              + " then the default mode, "
              + DEFAULT_MODE
              + ")");
    }
    return new Advice(profile, predictions, recommended, reasons, excluded);
  }

  /** What a user waits for: predicted wall time, start-up and warm-up. */
  private static double total(Advice.Prediction prediction) {
    return prediction.wallNanos() + prediction.oneOffNanos();
  }

  /** The predictions, soonest first, within {@value #CLOSE_PERCENT}% of the soonest. */
  private static List<Advice.Prediction> tiedWithSoonest(List<Advice.Prediction> sorted) {
    double limit = total(sorted.get(0)) * (1 + CLOSE_PERCENT / 100.0);
    return sorted.stream().filter(p -> total(p) <= limit).toList();
  }

  /**
   * Among modes a sample cannot tell apart, the plainest first: one without a GIL's lock, then one
   * that serializes nothing (both only cost, where nothing calls for them), then the default mode
   * {@value #DEFAULT_MODE}, then the soonest.
   */
  private static Comparator<Advice.Prediction> plainestFirst(Profile profile) {
    return Comparator.comparing(
            (Advice.Prediction p) -> profile.mode(p.mode()).map(Profile.ModeSample::gil).orElse(false))
        .thenComparing(p -> p.bytes() > 0)
        .thenComparing(p -> !p.mode().equals(DEFAULT_MODE))
        .thenComparingDouble(Advisor::total);
  }

  /** The best worker count for a mode, and what it predicts. */
  static Advice.Prediction predict(Profile profile, Profile.ModeSample sample) {
    int limit =
        sample.callerRuns()
            ? 1
            : (int) Math.ceil((double) maxSlots(profile) / Math.max(1, sample.tasksPerWorker()));
    Advice.Prediction best = null;
    for (int workers = 1; workers <= limit; workers++) {
      double wall = wall(profile, sample, workers);
      Advice.Prediction candidate =
          new Advice.Prediction(
              sample.mode(),
              workers,
              Math.max(1, sample.tasksPerWorker()),
              wall,
              profile.workNanos() / wall,
              Math.round(sample.startupNanos(workers)),
              sample.warmupNanos(),
              sample.overheadNanos(),
              sample.bytes());
      if (best == null
          || candidate.wallNanos() + candidate.oneOffNanos()
              < (best.wallNanos() + best.oneOffNanos()) * (1 - CLOSE_PERCENT / 100.0)) {
        best = candidate;
      }
    }
    return best;
  }

  /** The model's wall time of the full run on {@code workers}. */
  static double wall(Profile profile, Profile.ModeSample sample, int workers) {
    double busy = profile.taskNanos() + sample.overheadNanos();
    double cpu = profile.taskNanos() * profile.cpuFraction() + sample.overheadNanos();
    int slots = sample.callerRuns() ? 1 : workers * Math.max(1, sample.tasksPerWorker());
    int cores = sample.callerRuns() || sample.gil() ? 1 : Math.min(slots, profile.cores());
    double rounds = Math.ceil((double) profile.tasks() / slots);
    return Math.max(rounds * busy, profile.tasks() * cpu / cores);
  }

  /** Tasks at once that keep every core busy while tasks wait, within the tasks and the cap. */
  static int maxSlots(Profile profile) {
    double forWaits = Math.ceil(profile.cores() / Math.max(profile.cpuFraction(), 0.01));
    return (int) Math.max(1, Math.min(Math.min(profile.tasks(), MAX_WORKERS), Math.max(profile.cores(), forWaits)));
  }

  private static List<String> reasons(
      Profile profile,
      List<Advice.Prediction> predictions,
      Advice.Prediction best,
      Advice.Prediction recommended,
      double gain,
      double extraStartup) {
    List<String> reasons = new ArrayList<>();
    double cpu = profile.cpuFraction();
    String nature =
        cpu >= 0.8 ? "CPU-bound" : cpu <= 0.2 ? "mostly waiting" : "part computing, part waiting";
    reasons.add(
        "a task takes "
            + duration(profile.taskNanos())
            + ", "
            + Units.percent(cpu)
            + " of it on the CPU: "
            + nature
            + (cpu >= 0.8
                ? ", so it goes at most "
                    + profile.cores()
                    + "x faster on this machine's "
                    + profile.cores()
                    + " cores, and only where threads compute at once"
                : ", so waits can overlap on more workers than cores"));
    if (profile.machineBusy()) {
      reasons.add(
          String.format(
              Locale.ROOT,
              "the machine is busy: load average %.1f on %d cores as the sample ended, so other"
                  + " programs compete for the cores; the predictions assume the cores are free, and"
                  + " measured speed-ups of parallel modes will fall short of them (advise again on a"
                  + " quiet machine)",
              profile.loadAverage(),
              profile.cores()));
    }
    profile.modes().stream()
        .filter(Profile.ModeSample::gil)
        .findFirst()
        .ifPresent(
            gil ->
                reasons.add(
                    gil.mode()
                        + ": one lock serializes the CPU part ("
                        + Units.percent(cpu)
                        + " of a task), as CPython's GIL does: predicted "
                        + times(speedupOf(predictions, gil.mode()))
                        + (cpu >= 0.8 ? ", no gain" : ", the waits still overlap")));
    profile.modes().stream()
        .filter(sample -> sample.bytes() > 0)
        .forEach(
            crossing -> {
              double share = crossing.serializeNanos() / profile.taskNanos();
              reasons.add(
                  crossing.mode()
                      + ": each task's input and output took "
                      + Units.bytes(Math.round(crossing.bytes()))
                      + " and "
                      + duration(crossing.serializeNanos())
                      + " to serialize, "
                      + Units.percent(share)
                      + " of a task: "
                      + (share < 0.05
                          ? "cheap, so worker processes would pay little to move the data"
                          : share < 0.5
                              ? "noticeable: worker processes pay it on every task"
                              : "it rivals the work itself: keep the data in one JVM (threads)"));
            });
    List<String> overheads = new ArrayList<>();
    for (Profile.ModeSample sample : profile.modes()) {
      if (!sample.callerRuns()) {
        overheads.add(
            sample.mode()
                + " "
                + duration(sample.overheadNanos())
                + " ("
                + Units.percent(sample.overheadNanos() / profile.taskNanos())
                + ")");
      }
    }
    if (!overheads.isEmpty()) {
      reasons.add("overhead per task on one worker, against the task's time: " + String.join(", ", overheads));
    }
    for (Profile.ModeSample sample : profile.modes()) {
      if (sample.tasksPerWorker() > 1 || sample.startupPerWorkerNanos() > 0) {
        reasons.add(
            sample.mode()
                + ": "
                + (sample.tasksPerWorker() > 1
                    ? "each worker JVM runs "
                        + sample.tasksPerWorker()
                        + " tasks at once (actorlab.cluster.workers-per-node), and "
                    : "")
                + "each worker JVM beyond the first adds "
                + duration(sample.startupPerWorkerNanos())
                + " to a start-up of "
                + duration(sample.startupNanos())
                + " for one: JVMs that start together share the cores");
      }
    }
    reasons.add(
        "start-up of "
            + best.mode()
            + " is "
            + duration(best.startupNanos())
            + (best.warmupNanos() > 0
                ? " and its first tasks' warm-up " + duration(best.warmupNanos()) + ","
                : "")
            + " against "
            + duration(profile.workNanos())
            + " of work ("
            + profile.tasks()
            + " tasks x "
            + duration(profile.taskNanos())
            + "): "
            + Units.percent(best.oneOffNanos() / profile.workNanos())
            + " of it");
    if (best.mode().equals(Profiler.BASELINE)) {
      reasons.add("so: sequential, the only mode left to recommend");
    } else if (recommended.mode().equals(best.mode())) {
      reasons.add(
          "so: "
              + best.mode()
              + " with "
              + best.workers()
              + (best.workers() == 1 ? " worker" : " workers")
              + ", predicted "
              + times(best.speedup())
              + " (wall "
              + duration(best.wallNanos())
              + " instead of "
              + duration(profile.workNanos())
              + ")");
    } else {
      reasons.add(
          "so: stay sequential — the best, "
              + best.mode()
              + " with "
              + best.workers()
              + " workers, is predicted at only "
              + times(best.speedup())
              + (gain <= extraStartup
                  ? ", and its extra start-up and warm-up ("
                      + duration(extraStartup)
                      + ") would eat the "
                      + duration(Math.max(0, gain))
                      + " it saves"
                  : ""));
    }
    return reasons;
  }

  private static double speedupOf(List<Advice.Prediction> predictions, String mode) {
    return predictions.stream()
        .filter(p -> p.mode().equals(mode))
        .mapToDouble(Advice.Prediction::speedup)
        .findFirst()
        .orElse(Double.NaN);
  }

  static String duration(double nanos) {
    return Units.duration(Math.round(nanos));
  }

  static String times(double ratio) {
    return Double.isNaN(ratio) ? Units.NOT_AVAILABLE : String.format(Locale.ROOT, "%.2fx", ratio);
  }
}
