package io.actorlab.compare;

import io.actorlab.measure.Machine;
import io.actorlab.measure.RunReport;
import io.actorlab.report.Comparison;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a comparison: every run of the {@link RunSchedule}, in its order, each by the {@link
 * CellRunner}, and collects them into a {@link Comparison}.
 */
public final class Comparer {

  private Comparer() {}

  /** Does one run of a cell. Implementations keep what a cell needs between its runs (its JVM). */
  public interface CellRunner extends AutoCloseable {

    /** One run of {@code cell}: the whole workload, measured, on a fresh pool or the cell's kept one. */
    RunReport run(Comparison.Cell cell);

    /** Ends whatever the runs needed. Never throws. */
    @Override
    void close();
  }

  /** Hears each run as it finishes, e.g. to show progress. */
  public interface Listener {

    /** Hears nothing. */
    Listener NONE = (done, total, slot, report) -> {};

    /** Run {@code done} of {@code total} finished. */
    void finished(int done, int total, RunSchedule.Slot slot, RunReport report);
  }

  /**
   * Runs every round over the setup's cells, interleaved, and sums them up. Closing the runner is the
   * caller's.
   *
   * @param skipped the modes left out, for the report
   * @throws IllegalStateException when a run reports another mode or worker count than it was asked for
   */
  public static Comparison compare(
      Comparison.Setup setup, List<Comparison.Skipped> skipped, CellRunner runner, Listener listener) {
    List<RunSchedule.Slot> slots =
        RunSchedule.interleaved(setup.cells(), setup.warmup(), setup.repeat());
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    List<Comparison.Run> runs = new ArrayList<>(slots.size());
    for (RunSchedule.Slot slot : slots) {
      RunReport report = runner.run(slot.cell());
      if (!report.mode().equals(slot.cell().mode()) || report.workers() != slot.cell().workers()) {
        throw new IllegalStateException(
            "asked for a run of "
                + slot.cell().label()
                + " but got one of "
                + report.mode()
                + " x"
                + report.workers());
      }
      runs.add(new Comparison.Run(slot.round(), slot.warmup(), slot.cell(), report));
      listener.finished(runs.size(), slots.size(), slot, report);
    }
    return new Comparison(
        setup, Machine.current(), started, System.nanoTime() - startNanos, runs, skipped);
  }
}
