package io.actorlab.compare;

import io.actorlab.report.Comparison;
import java.util.ArrayList;
import java.util.List;

/**
 * The order of a comparison's runs: round after round, every cell once per round in the same order
 * ({@code a b c a b c ...}), warm-up rounds first. Interleaving spreads whatever drifts while the
 * comparison runs (another process, the CPU's clock, a filling cache) over every mode alike, where
 * running all of one mode and then all of the next would hand the drift to whichever came last.
 */
public final class RunSchedule {

  private RunSchedule() {}

  /**
   * One run to do.
   *
   * @param round 1-based; the warm-up rounds come first
   * @param warmup true when the run is not to be reported
   * @param cell which mode at which worker count
   */
  public record Slot(int round, boolean warmup, Comparison.Cell cell) {}

  /** The runs of {@code warmup + repeat} rounds over these cells, in the order to run them. */
  public static List<Slot> interleaved(List<Comparison.Cell> cells, int warmup, int repeat) {
    if (cells.isEmpty()) {
      throw new IllegalArgumentException("nothing to compare: no modes");
    }
    if (warmup < 0 || repeat < 1) {
      throw new IllegalArgumentException(
          "need warmup >= 0 and repeat >= 1, got " + warmup + " and " + repeat);
    }
    List<Slot> slots = new ArrayList<>(cells.size() * (warmup + repeat));
    for (int round = 1; round <= warmup + repeat; round++) {
      for (Comparison.Cell cell : cells) {
        slots.add(new Slot(round, round <= warmup, cell));
      }
    }
    return slots;
  }
}
