package io.actorlab.report;

import io.actorlab.measure.BoundaryStats;
import io.actorlab.measure.LatencySummary;
import io.actorlab.measure.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run as a short two-column table for the terminal: a figure's name, then its value in human units
 * ({@link Units}). It returns the text and never prints it; only the CLI prints.
 *
 * <pre>
 * mode              threads, 4 workers
 * workload          primes (fast), 64 tasks, size 200,000
 * wall              1.23 s
 * speed             51.0 tasks/s
 * cpu               2.01 s (81% of 2 cores)
 * start-up          412 ms
 * peak RSS          83.4 MB
 * latency p50/p99   12.3 ms / 40.1 ms, max 52.0 ms
 * boundary          1,024 msgs, 3.2 MB, ser 12.0 ms, deser 9.00 ms (1.7% of wall)
 * primes            1,234
 * completed/failed  63 / 1
 * checksum          -8211997456372339211
 * </pre>
 *
 * <p>The boundary line appears only when messages crossed; one line per detail ({@code primes} here)
 * follows, in the report's order. Figures that were not measured read {@code n/a}.
 */
public final class TableReport {

  private static final int GAP = 2;

  private TableReport() {}

  /**
   * The table, lines separated by {@code \n}, without a final newline.
   *
   * @param cores the cores the run could use, for the CPU share
   */
  public static String render(RunReport report, int cores) {
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be at least 1, was " + cores);
    }
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("mode", report.mode() + ", " + plural(report.workers(), "worker")));
    rows.add(new Row("workload", workload(report)));
    rows.add(new Row("wall", Units.duration(report.wallNanos())));
    rows.add(new Row("speed", speed(report)));
    rows.add(new Row("cpu", cpu(report, cores)));
    rows.add(new Row("start-up", startup(report)));
    rows.add(new Row("peak RSS", Units.bytes(report.peakRssBytes())));
    rows.add(new Row("latency p50/p99", latency(report.latency())));
    if (report.boundary().messages() > 0) {
      rows.add(new Row("boundary", boundary(report)));
    }
    for (Map.Entry<String, Object> detail : report.details().entrySet()) {
      rows.add(new Row(detail.getKey(), detailValue(detail.getValue())));
    }
    rows.add(new Row("completed/failed", report.completed() + " / " + report.failed()));
    rows.add(new Row("checksum", Long.toString(report.checksum())));
    return align(rows);
  }

  /** A reused pool had no start-up in this run: say so rather than print a figure. */
  private static String startup(RunReport report) {
    switch (report.pool()) {
      case REUSED:
        return "none (pool reused)";
      case RESTARTED:
        return Units.duration(report.startupNanos()) + " (pool restarted)";
      default:
        return Units.duration(report.startupNanos());
    }
  }

  private static String workload(RunReport report) {
    String name =
        report.variant().isEmpty()
            ? report.workload()
            : report.workload() + " (" + report.variant() + ")";
    return name + ", " + plural(report.tasks(), "task") + ", size " + Units.count(report.size());
  }

  private static String speed(RunReport report) {
    if (report.wallNanos() <= 0) {
      return Units.NOT_AVAILABLE;
    }
    double seconds = (double) report.wallNanos() / TimeUnit.SECONDS.toNanos(1);
    return Units.rate(report.completed() / seconds) + " tasks/s";
  }

  private static String cpu(RunReport report, int cores) {
    if (report.cpuNanos() < 0) {
      return Units.NOT_AVAILABLE;
    }
    return Units.duration(report.cpuNanos())
        + " ("
        + Units.percent(report.cpuUtilisation(cores))
        + " of "
        + plural(cores, "core")
        + ")";
  }

  private static String latency(LatencySummary latency) {
    if (latency.equals(LatencySummary.NONE)) {
      return Units.NOT_AVAILABLE;
    }
    return Units.duration(latency.p50())
        + " / "
        + Units.duration(latency.p99())
        + ", max "
        + Units.duration(latency.max());
  }

  private static String boundary(RunReport report) {
    BoundaryStats boundary = report.boundary();
    return plural(boundary.messages(), "msg")
        + ", "
        + Units.bytes(boundary.bytes())
        + ", ser "
        + Units.duration(boundary.serializeNanos())
        + ", deser "
        + Units.duration(boundary.deserializeNanos())
        + " ("
        + Units.percent(report.serializeShare())
        + " of wall)";
  }

  private static String detailValue(Object value) {
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return Units.count(((Number) value).longValue());
    }
    return String.valueOf(value);
  }

  private static String plural(long count, String noun) {
    return Units.count(count) + " " + noun + (count == 1 ? "" : "s");
  }

  private static String align(List<Row> rows) {
    int width = rows.stream().mapToInt(row -> row.figure().length()).max().orElse(0) + GAP;
    StringBuilder table = new StringBuilder();
    for (Row row : rows) {
      if (table.length() > 0) {
        table.append('\n');
      }
      table.append(row.figure()).append(" ".repeat(width - row.figure().length())).append(row.value());
    }
    return table.toString();
  }

  private record Row(String figure, String value) {}
}
