package io.actorlab.compare;

import io.actorlab.measure.RunReport;
import io.actorlab.report.Comparison;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs each cell (a mode at a worker count) in a JVM of its own, started at the cell's first run and
 * kept for its later ones, so a cell's peak RSS is its own and its JIT warms only on its own work.
 */
public final class ChildJvmRunner implements Comparer.CellRunner {

  /**
   * How {@link io.actorlab.report.Comparison.Setup#isolation()} describes this runner's runs.
   *
   * @param reusePool whether each child keeps its pool across runs ({@code actorlab.compare.reuse-pool})
   */
  public static String isolation(boolean reusePool) {
    return "each mode in its own JVM, "
        + (reusePool ? "its pool kept warm across runs" : "a fresh pool every run");
  }

  private final Function<Comparison.Cell, List<String>> commandOf;
  private final boolean showLogs;
  private final Duration stopTimeout;
  private final Map<Comparison.Cell, ChildJvm> children = new LinkedHashMap<>();

  /**
   * A runner whose children run {@code commandOf.apply(cell)}.
   *
   * @param commandOf the whole command line of a cell's JVM
   * @param showLogs true to let the children's stderr through
   * @param stopTimeout how long each child may take to exit when closed
   */
  public ChildJvmRunner(
      Function<Comparison.Cell, List<String>> commandOf, boolean showLogs, Duration stopTimeout) {
    this.commandOf = commandOf;
    this.showLogs = showLogs;
    this.stopTimeout = stopTimeout;
  }

  @Override
  public RunReport run(Comparison.Cell cell) {
    ChildJvm child = children.get(cell);
    if (child == null) {
      try {
        child = ChildJvm.start(cell.label(), commandOf.apply(cell), showLogs, stopTimeout);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start a JVM for " + cell.label(), e);
      }
      children.put(cell, child);
    }
    return child.run();
  }

  /** The children started so far, by cell. */
  public List<ChildJvm> children() {
    return new ArrayList<>(children.values());
  }

  /** Closes every child at once (each gets its stop timeout), then waits for all. */
  @Override
  public void close() {
    children.values().parallelStream().forEach(ChildJvm::close);
    children.clear();
  }
}
