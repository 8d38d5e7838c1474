package io.actorlab.advise;

import java.util.List;

/**
 * What {@link Advisor} concluded from a {@link Profile}: a prediction per mode (at the worker count
 * that suits it best), the recommendation, and the reasons, each with the measured numbers.
 *
 * @param profile what the sample measured
 * @param predictions one per mode whose sample could be trusted, soonest result first (wall time,
 *     start-up and warm-up), except that the plainest of the modes tied with the soonest leads
 * @param recommended the mode and worker count to use
 * @param reasons why, one finding per line, with numbers
 * @param excluded modes left out of the predictions, with the reason (a wrong answer, failed tasks)
 */
public record Advice(
    Profile profile,
    List<Prediction> predictions,
    Prediction recommended,
    List<String> reasons,
    List<String> excluded) {

  /** Copies the lists. */
  public Advice {
    predictions = List.copyOf(predictions);
    reasons = List.copyOf(reasons);
    excluded = List.copyOf(excluded);
  }

  /**
   * A mode's predicted full run.
   *
   * @param mode the mode
   * @param workers the worker count predicted to suit it best
   * @param tasksPerWorker tasks each of them runs at once (see {@link Profile.ModeSample})
   * @param wallNanos predicted wall time of the full run (start-up not included, as in compare)
   * @param speedup predicted sequential wall time / this one
   * @param startupNanos the start-up of a pool of that many workers, from the sample's
   * @param warmupNanos the warm-up the sample measured: a new pool's first run beyond a warm one
   * @param overheadNanos the per-task overhead the sample measured
   * @param bytes bytes per task the sample serialized
   */
  public record Prediction(
      String mode,
      int workers,
      int tasksPerWorker,
      double wallNanos,
      double speedup,
      long startupNanos,
      long warmupNanos,
      double overheadNanos,
      double bytes) {

    /** What a run pays once, before its tasks go at their usual pace: start-up and warm-up. */
    public double oneOffNanos() {
      return startupNanos + warmupNanos;
    }
  }

  /** True when a mode's sample computed a different answer than sequential. */
  public boolean wrongAnswer() {
    return excluded.stream().anyMatch(line -> line.contains("different checksum"));
  }
}
