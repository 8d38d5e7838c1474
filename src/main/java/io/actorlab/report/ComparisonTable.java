package io.actorlab.report;

import io.actorlab.measure.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * A comparison as a table for the terminal: a line on what ran and where, one row per mode and worker
 * count, then what the columns mean, what was skipped and, loudly, any checksum mismatch. It returns
 * the text and never prints it; only the CLI prints.
 *
 * <pre>
 * primes, 16 tasks, size 400,000: 3 rounds after 1 warm-up round, modes interleaved, each mode in its own JVM
 * 2 cores (AMD EPYC), Java 17.0.15, Linux 6.1.0 amd64
 *
 * mode             workers    wall        min-max  speed-up  cpu  eff/core  start-up  peak RSS  crossed  serializing  checksum
 * sequential             1  1.39 s  1.38-1.41 s     1.00x  51%      100%    2.10 ms   86.5 MB        -            -  ok
 * threads                2   745 ms    741-802 ms     1.87x  95%       93%     31.0 ms    116 MB        -            -  ok
 * </pre>
 */
public final class ComparisonTable {

  private static final String NONE = "-";
  private static final List<String> HEADER =
      List.of(
          "mode", "workers", "wall", "min-max", "speed-up", "cpu", "eff/core", "start-up",
          "pools", "peak RSS", "crossed", "serializing", "checksum");
  /** Columns 1..11 are figures, right-aligned; mode and checksum are words, left-aligned. */
  private static final int FIRST_FIGURE = 1;

  private static final int LAST_FIGURE = 11;

  private ComparisonTable() {}

  /** The table and its notes, lines separated by {@code \n}, without a final newline. */
  public static String render(Comparison comparison) {
    List<String> lines = new ArrayList<>();
    lines.add(setupLine(comparison.setup()));
    lines.add(machineLine(comparison.machine()));
    if (!comparison.complete()) {
      lines.addAll(stoppedEarlyLines(comparison));
    }
    lines.add("");
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    List<ModeSummary> summaries = comparison.summaries();
    summaries.forEach(summary -> rows.add(row(summary)));
    lines.addAll(align(rows));
    lines.add("");
    Comparison.Cell baseline = comparison.baseline();
    lines.add(
        "speed-up: median wall of "
            + baseline.label()
            + " / the mode's; eff/core: speed-up / workers; cpu: CPU time / wall / "
            + comparison.machine().cores()
            + " cores; start-up: pool start to first task, median over the runs that started a"
            + " pool; pools: pools started over all runs, warm-ups included");
    for (Comparison.Skipped skipped : comparison.skipped()) {
      lines.add("skipped " + skipped.mode() + ": " + skipped.reason());
    }
    if (comparison.tasksFailed()) {
      String failed =
          summaries.stream()
              .filter(summary -> summary.failedRuns() > 0)
              .map(summary -> summary.cell().label())
              .collect(Collectors.joining(", "));
      lines.add("TASKS FAILED in " + failed + ": run one with `actorlab run -v` to see why");
    }
    if (!comparison.checksumsMatch()) {
      lines.addAll(mismatchLines(comparison));
    }
    return String.join("\n", lines);
  }

  /**
   * What must not go unseen even when the table goes to a file: that the comparison stopped early
   * (its figures are over fewer runs than asked) and {@link #mismatchLines any wrong answer}.
   */
  public static List<String> loudLines(Comparison comparison) {
    List<String> lines = new ArrayList<>();
    if (!comparison.complete()) {
      lines.addAll(stoppedEarlyLines(comparison));
    }
    lines.addAll(mismatchLines(comparison));
    return lines;
  }

  /** Why it stopped (with a dead JVM's last output, if any, on lines of its own), then what that means. */
  private static List<String> stoppedEarlyLines(Comparison comparison) {
    return List.of(
        "!! STOPPED EARLY " + comparison.stoppedEarly(),
        "!!   the figures are over the runs measured before it stopped");
  }

  /**
   * The loud lines that name each mode whose answer differs: what it computed against the reference.
   * Empty when every checksum matches.
   */
  public static List<String> mismatchLines(Comparison comparison) {
    OptionalLong reference = comparison.referenceChecksum();
    if (comparison.checksumsMatch() || reference.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        "!! CHECKSUM MISMATCH: not every mode computed the same answer (reference "
            + reference.getAsLong()
            + ", from "
            + comparison.baseline().label()
            + " when it completed)");
    for (Comparison.Cell cell : comparison.mismatches()) {
      List<Long> checksums = ModeSummary.checksums(comparison.runsOf(cell));
      lines.add(
          "!!   "
              + cell.label()
              + " computed "
              + checksums.stream().map(String::valueOf).collect(Collectors.joining(", then ")));
    }
    return lines;
  }

  private static String setupLine(Comparison.Setup setup) {
    String workload =
        setup.variant().isEmpty() ? setup.workload() : setup.workload() + " (" + setup.variant() + ")";
    return workload
        + ", "
        + plural(setup.tasks(), "task")
        + ", size "
        + Units.count(setup.size())
        + ": "
        + plural(setup.repeat(), "round")
        + (setup.warmup() > 0 ? " after " + plural(setup.warmup(), "warm-up round") : "")
        + ", modes interleaved, "
        + setup.isolation();
  }

  private static String machineLine(Machine machine) {
    String cpu = machine.cpuModel().isEmpty() ? "" : " (" + machine.cpuModel() + ")";
    return plural(machine.cores(), "core")
        + cpu
        + ", Java "
        + machine.javaVersion()
        + ", "
        + machine.osName()
        + " "
        + machine.osVersion()
        + " "
        + machine.osArch();
  }

  private static List<String> row(ModeSummary summary) {
    boolean crossed = summary.boundaryMessages() > 0;
    return List.of(
        summary.cell().mode(),
        Integer.toString(summary.cell().workers()),
        duration(summary.wallMedian()),
        range(summary.wallMin(), summary.wallMax()),
        times(summary.speedup()),
        summary.cpuUtilisation() < 0 ? Units.NOT_AVAILABLE : Units.percent(summary.cpuUtilisation()),
        Double.isNaN(summary.efficiency()) ? Units.NOT_AVAILABLE : Units.percent(summary.efficiency()),
        duration(summary.startupMedian()),
        Integer.toString(summary.poolsStarted()),
        Units.bytes(summary.peakRss()),
        crossed ? Units.bytes(Math.round(summary.boundaryBytes())) : NONE,
        crossed ? Units.percent(summary.serializeShare()) : NONE,
        verdict(summary));
  }

  private static String verdict(ModeSummary summary) {
    List<String> words = new ArrayList<>();
    if (!summary.checksumMatches()) {
      words.add("MISMATCH");
    }
    if (summary.failedRuns() > 0) {
      words.add("FAILED in " + plural(summary.failedRuns(), "run"));
    }
    return words.isEmpty() ? "ok" : String.join(", ", words);
  }

  private static String duration(double nanos) {
    return nanos < 0 ? Units.NOT_AVAILABLE : Units.duration(Math.round(nanos));
  }

  /** {@code 1.38-1.41 s} when both ends have the same unit, else {@code 980 ms-1.02 s}. */
  static String range(long min, long max) {
    if (min < 0 || max < 0) {
      return Units.NOT_AVAILABLE;
    }
    String low = Units.duration(min);
    String high = Units.duration(max);
    String lowUnit = low.substring(low.indexOf(' ') + 1);
    String highUnit = high.substring(high.indexOf(' ') + 1);
    if (lowUnit.equals(highUnit)) {
      return low.substring(0, low.indexOf(' ')) + "-" + high;
    }
    return low + "-" + high;
  }

  private static String times(double ratio) {
    return Double.isNaN(ratio) || Double.isInfinite(ratio)
        ? Units.NOT_AVAILABLE
        : String.format(Locale.ROOT, "%.2fx", ratio);
  }

  private static String plural(long count, String noun) {
    return Units.count(count) + " " + noun + (count == 1 ? "" : "s");
  }

  private static List<String> align(List<List<String>> rows) {
    int columns = HEADER.size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        String cell = row.get(i);
        String pad = " ".repeat(widths[i] - cell.length());
        if (i > 0) {
          line.append("  ");
        }
        boolean right = i >= FIRST_FIGURE && i <= LAST_FIGURE;
        line.append(right ? pad + cell : i == columns - 1 ? cell : cell + pad);
      }
      lines.add(line.toString());
    }
    return lines;
  }
}
