package io.actorlab.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.actorlab.measure.Machine;
import java.math.BigDecimal;
import java.util.OptionalLong;

/**
 * A whole comparison as one JSON object: {@code report.json}, what {@code compare --json} prints, and
 * the data {@code report.html} draws.
 *
 * <p>The keys, in this order: {@code format} ("actorlab-compare/1"), {@code workload, variant, tasks,
 * size, warmup, repeat, isolation, started} (ISO-8601), {@code elapsed_ms}, {@code stopped_early}
 * (null when every run ran; else after how many runs and why the comparison ended, and the figures
 * are over the runs it measured: {@link Comparison#stoppedEarly()}), {@code machine {cores,
 * java_version, java_vendor, os_name, os_version, os_arch, cpu_model, memory_mb}}, {@code baseline
 * {mode, workers}}, {@code reference_checksum}, {@code checksums_match}, {@code tasks_failed},
 * {@code modes [...]} (one summary per mode and worker count, see {@link ModeSummary}), {@code
 * skipped [{mode, reason}]} and {@code runs [...]}: every run in the order it ran, each {@code round,
 * warmup} followed by the keys of a single run ({@link JsonReport}).
 *
 * <p>A summary's keys: {@code mode, workers, baseline, runs, wall_ms {median, min, max}, speedup,
 * cpu_utilisation, efficiency, startup_ms, pools_started, peak_rss_mb, boundary_bytes, boundary_messages,
 * serialize_ms, serialize_share, checksum, checksum_matches, failed_runs}. Units and decimals as in a
 * single run; {@code speedup} and {@code efficiency} have three decimals. A figure that was not
 * measured or cannot be computed is {@code null}. {@code startup_ms} is the median over the runs
 * that started a pool ({@link ModeSummary#startupMedian()}): with pools kept across runs, the cold
 * start of the one pool, which a warm-up run may have paid; {@code pools_started} counts them.
 */
public final class ComparisonJson {

  /** The value of the {@code format} key; changes when a key changes meaning or goes away. */
  public static final String FORMAT = "actorlab-compare/1";

  private static final int RATIO_DECIMALS = 3;
  private static final int SHARE_DECIMALS = 4;
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private ComparisonJson() {}

  /** The comparison as a fresh, mutable JSON object; write it with {@link JsonReport#write}. */
  public static ObjectNode toNode(Comparison comparison) {
    Comparison.Setup setup = comparison.setup();
    ObjectNode root = NODES.objectNode();
    root.put("format", FORMAT);
    root.put("workload", setup.workload());
    root.put("variant", setup.variant());
    root.put("tasks", setup.tasks());
    root.put("size", setup.size());
    root.put("warmup", setup.warmup());
    root.put("repeat", setup.repeat());
    root.put("isolation", setup.isolation());
    root.put("started", comparison.started().toString());
    root.put("elapsed_ms", Units.millis(comparison.elapsedNanos()));
    if (comparison.complete()) {
      root.putNull("stopped_early");
    } else {
      root.put("stopped_early", comparison.stoppedEarly());
    }
    root.set("machine", machine(comparison.machine()));

    ObjectNode baseline = root.putObject("baseline");
    baseline.put("mode", comparison.baseline().mode());
    baseline.put("workers", comparison.baseline().workers());
    OptionalLong reference = comparison.referenceChecksum();
    if (reference.isPresent()) {
      root.put("reference_checksum", reference.getAsLong());
    } else {
      root.putNull("reference_checksum");
    }
    root.put("checksums_match", comparison.checksumsMatch());
    root.put("tasks_failed", comparison.tasksFailed());

    ArrayNode modes = root.putArray("modes");
    comparison.summaries().forEach(summary -> modes.add(summary(summary)));
    ArrayNode skipped = root.putArray("skipped");
    for (Comparison.Skipped skip : comparison.skipped()) {
      skipped.addObject().put("mode", skip.mode()).put("reason", skip.reason());
    }
    ArrayNode runs = root.putArray("runs");
    int cores = comparison.machine().cores();
    for (Comparison.Run run : comparison.runs()) {
      ObjectNode node = runs.addObject();
      node.put("round", run.round());
      node.put("warmup", run.warmup());
      node.setAll(JsonReport.toNode(run.report(), cores));
    }
    return root;
  }

  private static ObjectNode machine(Machine machine) {
    ObjectNode node = NODES.objectNode();
    node.put("cores", machine.cores());
    node.put("java_version", machine.javaVersion());
    node.put("java_vendor", machine.javaVendor());
    node.put("os_name", machine.osName());
    node.put("os_version", machine.osVersion());
    node.put("os_arch", machine.osArch());
    node.put("cpu_model", machine.cpuModel());
    node.put("memory_mb", machine.memoryBytes() < 0 ? null : Units.megabytes(machine.memoryBytes()));
    return node;
  }

  private static ObjectNode summary(ModeSummary summary) {
    ObjectNode node = NODES.objectNode();
    node.put("mode", summary.cell().mode());
    node.put("workers", summary.cell().workers());
    node.put("baseline", summary.baseline());
    node.put("runs", summary.runs());
    ObjectNode wall = node.putObject("wall_ms");
    wall.put("median", millis(summary.wallMedian()));
    wall.put("min", millis(summary.wallMin()));
    wall.put("max", millis(summary.wallMax()));
    node.put("speedup", ratio(summary.speedup(), RATIO_DECIMALS));
    node.put("cpu_utilisation", summary.cpuUtilisation() < 0 ? null : ratio(summary.cpuUtilisation(), 3));
    node.put("efficiency", ratio(summary.efficiency(), RATIO_DECIMALS));
    node.put("startup_ms", millis(summary.startupMedian()));
    node.put("pools_started", summary.poolsStarted());
    node.put(
        "peak_rss_mb", summary.peakRss() < 0 ? null : Units.megabytes(summary.peakRss()));
    node.put("boundary_bytes", whole(summary.boundaryBytes()));
    node.put("boundary_messages", whole(summary.boundaryMessages()));
    node.put("serialize_ms", millis(summary.serializeMedian()));
    node.put(
        "serialize_share",
        summary.serializeShare() < 0 ? null : ratio(summary.serializeShare(), SHARE_DECIMALS));
    node.put("checksum", summary.checksum());
    node.put("checksum_matches", summary.checksumMatches());
    node.put("failed_runs", summary.failedRuns());
    return node;
  }

  /** Nanoseconds (a median may be a half) as milliseconds with three decimals; negative is null. */
  private static BigDecimal millis(double nanos) {
    return nanos < 0 || Double.isNaN(nanos) ? null : Units.fixed(nanos / 1e6, 3);
  }

  private static BigDecimal ratio(double value, int decimals) {
    return Double.isNaN(value) || Double.isInfinite(value) ? null : Units.fixed(value, decimals);
  }

  private static BigDecimal whole(double value) {
    return value < 0 ? null : Units.fixed(value, 0);
  }
}
