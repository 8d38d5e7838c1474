package io.actorlab.report;

import io.actorlab.measure.RunReport;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Every run of a comparison as one CSV row ({@code report.csv}), for a spreadsheet or a plotting
 * script. RFC 4180: a header row, comma-separated, {@code \r\n} line ends, a field quoted when it holds
 * a comma, a quote or a line break. Figures have the units and decimals of the JSON report; a figure
 * that was not measured is an empty field. Warm-up runs are rows too, with {@code warmup = true}.
 */
public final class ComparisonCsv {

  /** The header row's columns, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "round", "warmup", "mode", "workers", "workload", "variant", "tasks", "size", "completed",
          "failed", "checksum", "checksum_matches", "wall_ms", "cpu_ms", "cpu_utilisation",
          "startup_ms", "pool", "peak_rss_mb", "latency_p50_ms", "latency_p99_ms", "latency_max_ms",
          "boundary_messages", "boundary_bytes", "serialize_ns", "deserialize_ns",
          "serialize_share");

  private static final String EOL = "\r\n";

  private ComparisonCsv() {}

  /** The CSV text, header first, ending with a line break. */
  public static String render(Comparison comparison) {
    int cores = comparison.machine().cores();
    OptionalLong reference = comparison.referenceChecksum();
    StringBuilder csv = new StringBuilder();
    line(csv, COLUMNS);
    for (Comparison.Run run : comparison.runs()) {
      RunReport report = run.report();
      List<String> fields = new ArrayList<>(COLUMNS.size());
      fields.add(Integer.toString(run.round()));
      fields.add(Boolean.toString(run.warmup()));
      fields.add(report.mode());
      fields.add(Integer.toString(report.workers()));
      fields.add(report.workload());
      fields.add(report.variant());
      fields.add(Integer.toString(report.tasks()));
      fields.add(Long.toString(report.size()));
      fields.add(Long.toString(report.completed()));
      fields.add(Long.toString(report.failed()));
      fields.add(run.succeeded() ? Long.toString(report.checksum()) : "");
      fields.add(
          run.succeeded()
              ? Boolean.toString(
                  reference.isEmpty() || reference.getAsLong() == report.checksum())
              : "");
      fields.add(millis(report.wallNanos()));
      fields.add(millis(report.cpuNanos()));
      fields.add(
          report.cpuNanos() < 0 ? "" : plain(Units.fixed(report.cpuUtilisation(cores), 3)));
      fields.add(millis(report.startupNanos()));
      fields.add(report.pool().label());
      fields.add(report.peakRssBytes() < 0 ? "" : plain(Units.megabytes(report.peakRssBytes())));
      fields.add(millis(report.latency().p50()));
      fields.add(millis(report.latency().p99()));
      fields.add(millis(report.latency().max()));
      fields.add(Long.toString(report.boundary().messages()));
      fields.add(Long.toString(report.boundary().bytes()));
      fields.add(Long.toString(report.boundary().serializeNanos()));
      fields.add(Long.toString(report.boundary().deserializeNanos()));
      fields.add(plain(Units.fixed(report.serializeShare(), 4)));
      line(csv, fields);
    }
    return csv.toString();
  }

  private static String millis(long nanos) {
    return nanos < 0 ? "" : plain(Units.millis(nanos));
  }

  private static String plain(BigDecimal value) {
    return value.toPlainString();
  }

  private static void line(StringBuilder csv, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        csv.append(',');
      }
      csv.append(quoted(fields.get(i)));
    }
    csv.append(EOL);
  }

  /** A field as RFC 4180 wants it: quoted, with quotes doubled, when it holds , " or a line break. */
  static String quoted(String field) {
    if (field.indexOf(',') < 0
        && field.indexOf('"') < 0
        && field.indexOf('\n') < 0
        && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}
