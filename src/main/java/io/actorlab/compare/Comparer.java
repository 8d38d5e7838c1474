package io.actorlab.compare;

import io.actorlab.measure.Machine;
import io.actorlab.measure.RunReport;
import io.actorlab.report.Comparison;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a comparison: every run of the {@link RunSchedule}, in its order, each by the {@link
 * CellRunner}, and collects them into a {@link Comparison}.
 *
 * <p>A comparison can take many minutes, so what it measured is never thrown away: when a run fails
 * (a mode's JVM died) the comparison ends there with the runs so far, and {@link #soFar} gives them to
 * another thread at any time (a shutdown hook, on Ctrl-C). The runs are guarded by this object's lock.
 */
public final class Comparer {

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

  private final Comparison.Setup setup;
  private final List<Comparison.Skipped> skipped;
  private final List<RunSchedule.Slot> slots;
  private final List<Comparison.Run> runs = new ArrayList<>();
  private final Instant started = Instant.now();
  private final long startNanos = System.nanoTime();

  /**
   * A comparison of the setup's cells, to be run by {@link #compare}.
   *
   * @param skipped the modes left out, for the report
   */
  public Comparer(Comparison.Setup setup, List<Comparison.Skipped> skipped) {
    this.setup = setup;
    this.skipped = List.copyOf(skipped);
    this.slots = RunSchedule.interleaved(setup.cells(), setup.warmup(), setup.repeat());
  }

  /** How many runs the schedule holds, warm-ups included. */
  public int plannedRuns() {
    return slots.size();
  }

  /**
   * Runs every round over the setup's cells, interleaved, and sums them up. Closing the runner is the
   * caller's. When a run fails, no further run starts: the comparison of the runs so far is returned,
   * {@link Comparison#stoppedEarly() stopped early} with the failure's message, or the failure is
   * thrown when no run has been measured yet.
   *
   * @throws IllegalStateException when a run reports another mode or worker count than it was asked for
   */
  public Comparison compare(CellRunner runner, Listener listener) {
    for (RunSchedule.Slot slot : slots) {
      RunReport report;
      try {
        report = runner.run(slot.cell());
      } catch (RuntimeException failure) {
        return soFar(failure.getMessage()).orElseThrow(() -> failure);
      }
      if (!report.mode().equals(slot.cell().mode()) || report.workers() != slot.cell().workers()) {
        throw new IllegalStateException(
            "asked for a run of "
                + slot.cell().label()
                + " but got one of "
                + report.mode()
                + " x"
                + report.workers());
      }
      int done;
      synchronized (this) {
        runs.add(new Comparison.Run(slot.round(), slot.warmup(), slot.cell(), report));
        done = runs.size();
      }
      listener.finished(done, slots.size(), slot, report);
    }
    synchronized (this) {
      return comparison(List.copyOf(runs), setup.cells(), skipped, "");
    }
  }

  /**
   * The comparison of the runs finished so far, {@link Comparison#stoppedEarly() stopped early} for
   * {@code why}: the cells with no measured run yet are listed as skipped. Empty when no run has been
   * measured yet (warm-ups only), since there is nothing to report; the whole comparison, not stopped
   * early, once every run has finished.
   *
   * @param why what ended it, e.g. the failure's message; "after N of M runs" is added
   */
  public synchronized Optional<Comparison> soFar(String why) {
    if (runs.size() == slots.size()) {
      return Optional.of(comparison(List.copyOf(runs), setup.cells(), skipped, ""));
    }
    List<Comparison.Cell> measured = new ArrayList<>();
    List<Comparison.Skipped> notRun = new ArrayList<>(skipped);
    for (Comparison.Cell cell : setup.cells()) {
      if (runs.stream().anyMatch(run -> !run.warmup() && run.cell().equals(cell))) {
        measured.add(cell);
      } else {
        notRun.add(new Comparison.Skipped(cell.label(), "not measured: the comparison stopped early"));
      }
    }
    if (measured.isEmpty()) {
      return Optional.empty();
    }
    String stopped = "after " + runs.size() + " of " + slots.size() + " runs: " + why;
    return Optional.of(comparison(List.copyOf(runs), measured, notRun, stopped));
  }

  private Comparison comparison(
      List<Comparison.Run> done,
      List<Comparison.Cell> cells,
      List<Comparison.Skipped> left,
      String stoppedEarly) {
    Comparison.Setup ran =
        new Comparison.Setup(
            setup.workload(),
            setup.variant(),
            setup.tasks(),
            setup.size(),
            setup.warmup(),
            setup.repeat(),
            cells,
            setup.isolation());
    return new Comparison(
        ran, Machine.current(), started, System.nanoTime() - startNanos, done, left, stoppedEarly);
  }
}
