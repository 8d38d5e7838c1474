package io.actorlab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.actorlab.measure.BoundaryStats;
import io.actorlab.measure.LatencySummary;
import io.actorlab.measure.RunReport;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run as one JSON object, for scripts and for combining runs into a larger report.
 *
 * <p>The keys, always all of them and in this order: {@code mode, workload, variant, tasks, size,
 * workers, completed, failed, checksum, wall_ms, cpu_ms, cpu_utilisation, startup_ms, pool, peak_rss_mb,
 * latency_ms {p50, p99, max}, boundary {messages, bytes, serialize_ns, deserialize_ns,
 * received_messages, received_bytes, serialize_share, by_type {...}}, details {...}}. {@code boundary}
 * totals every message type; {@code by_type} has one object per message class that crossed, by its
 * name in alphabetical order: {@code {sent, sent_bytes, serialize_ns, received, received_bytes,
 * deserialize_ns}}.
 *
 * <p>Milliseconds carry three decimals, {@code peak_rss_mb} one (an MB is 2<sup>20</sup> bytes),
 * {@code cpu_utilisation} three (1.0 = every core busy the whole run) and {@code serialize_share} four
 * (0.0412 = 4.12% of wall time; 0 when nothing crossed). A figure that was not measured ({@code -1},
 * e.g. RSS off Linux) is {@code null}, and so is {@code cpu_utilisation} then. {@code latency_ms} is all
 * zeros when no latency was recorded ({@link LatencySummary#NONE}). {@code details} keeps the order of
 * the report's map. {@code pool} is {@code started} when the run started its pool, {@code reused} when
 * it ran on a pool an earlier run left running (its {@code startup_ms} is then {@code null}: it had no
 * start-up), or {@code restarted} when the kept pool was broken and the run started a new one (the
 * details' {@code pool_restarted_because} says why).
 */
public final class JsonReport {

  private static final int UTILISATION_DECIMALS = 3;
  private static final int SHARE_DECIMALS = 4;

  // Figures are BigDecimals of a fixed scale, so 40.100 prints as 40.100 and every run alike; "plain"
  // keeps a detail given as a BigDecimal such as 1E-7 out of exponent notation.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private static final ObjectMapper READER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  private JsonReport() {}

  /** The report as one line of JSON, ready to pipe or to append to a JSON Lines file. */
  public static String toJson(RunReport report, int cores) {
    return write(toNode(report, cores), false);
  }

  /** The report as indented JSON, for a person to read. */
  public static String toPrettyJson(RunReport report, int cores) {
    return write(toNode(report, cores), true);
  }

  /**
   * The report as a fresh, mutable JSON object, to nest in a report of many runs; write the whole
   * with {@link #write(JsonNode, boolean)}.
   *
   * @param cores the cores the run could use, for {@code cpu_utilisation}
   * @throws IllegalArgumentException when {@code cores < 1}, or a detail is not a number, string or
   *     boolean
   */
  public static ObjectNode toNode(RunReport report, int cores) {
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be at least 1, was " + cores);
    }
    ObjectNode root = MAPPER.createObjectNode();
    root.put("mode", report.mode());
    root.put("workload", report.workload());
    root.put("variant", report.variant());
    root.put("tasks", report.tasks());
    root.put("size", report.size());
    root.put("workers", report.workers());
    root.put("completed", report.completed());
    root.put("failed", report.failed());
    root.put("checksum", report.checksum());
    root.put("wall_ms", millis(report.wallNanos()));
    root.put("cpu_ms", millis(report.cpuNanos()));
    root.put(
        "cpu_utilisation",
        report.cpuNanos() < 0
            ? null
            : Units.fixed(report.cpuUtilisation(cores), UTILISATION_DECIMALS));
    root.put("startup_ms", millis(report.startupNanos()));
    root.put("pool", report.pool().label());
    root.put(
        "peak_rss_mb", report.peakRssBytes() < 0 ? null : Units.megabytes(report.peakRssBytes()));

    LatencySummary latency = report.latency();
    ObjectNode latencyNode = root.putObject("latency_ms");
    latencyNode.put("p50", millis(latency.p50()));
    latencyNode.put("p99", millis(latency.p99()));
    latencyNode.put("max", millis(latency.max()));

    BoundaryStats boundary = report.boundary();
    ObjectNode boundaryNode = root.putObject("boundary");
    boundaryNode.put("messages", boundary.messages());
    boundaryNode.put("bytes", boundary.bytes());
    boundaryNode.put("serialize_ns", boundary.serializeNanos());
    boundaryNode.put("deserialize_ns", boundary.deserializeNanos());
    boundaryNode.put("received_messages", boundary.receivedMessages());
    boundaryNode.put("received_bytes", boundary.receivedBytes());
    boundaryNode.put("serialize_share", Units.fixed(report.serializeShare(), SHARE_DECIMALS));
    ObjectNode byType = boundaryNode.putObject("by_type");
    boundary
        .sortedByType()
        .forEach(
            (type, traffic) -> {
              ObjectNode node = byType.putObject(type);
              node.put("sent", traffic.sent());
              node.put("sent_bytes", traffic.sentBytes());
              node.put("serialize_ns", traffic.serializeNanos());
              node.put("received", traffic.received());
              node.put("received_bytes", traffic.receivedBytes());
              node.put("deserialize_ns", traffic.deserializeNanos());
            });

    ObjectNode details = root.putObject("details");
    for (Map.Entry<String, Object> detail : report.details().entrySet()) {
      putDetail(details, detail.getKey(), detail.getValue());
    }
    return root;
  }

  /**
   * Any JSON tree (one run, or many combined) as text, with the same number formatting as a single
   * run: compact on one line, or indented when {@code pretty}.
   */
  public static String write(JsonNode node, boolean pretty) {
    try {
      return pretty
          ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node)
          : MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write a JSON tree", e);
    }
  }

  /**
   * Reads back one run written by {@link #toJson}: the inverse, up to the rounding of the written
   * figures (milliseconds to the microsecond, RSS to a tenth of an MB). A {@code null} figure reads as
   * -1 ({@link io.actorlab.measure.ProcessMetrics#UNAVAILABLE}); keys it does not know are ignored, so
   * a newer writer's extra figures do no harm, and a run without {@code pool} (an older writer's)
   * started its pool.
   *
   * @throws IllegalArgumentException when a key a run always has is missing or of the wrong type
   */
  public static RunReport fromJson(JsonNode json) {
    JsonNode latency = required(json, "latency_ms");
    JsonNode boundary = required(json, "boundary");
    Map<String, Object> details = new LinkedHashMap<>();
    JsonNode detailNodes = json.path("details");
    for (Iterator<Map.Entry<String, JsonNode>> it = detailNodes.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> detail = it.next();
      details.put(detail.getKey(), detailValue(detail.getValue()));
    }
    return new RunReport(
        required(json, "mode").asText(),
        required(json, "workload").asText(),
        json.path("variant").asText(""),
        (int) whole(json, "tasks"),
        whole(json, "size"),
        (int) whole(json, "workers"),
        whole(json, "completed"),
        whole(json, "failed"),
        whole(json, "checksum"),
        nanos(json, "wall_ms"),
        nanos(json, "cpu_ms"),
        nanos(json, "startup_ms"),
        json.hasNonNull("pool")
            ? RunReport.Pool.ofLabel(json.get("pool").asText())
            : RunReport.Pool.STARTED,
        json.path("peak_rss_mb").isNumber()
            ? json.get("peak_rss_mb").decimalValue().multiply(BigDecimal.valueOf(Units.MB)).longValue()
            : -1,
        new LatencySummary(nanos(latency, "p50"), nanos(latency, "p99"), nanos(latency, "max")),
        boundary(boundary),
        details);
  }

  private static BoundaryStats boundary(JsonNode boundary) {
    Map<String, BoundaryStats.Traffic> byType = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = required(boundary, "by_type").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> type = it.next();
      JsonNode traffic = type.getValue();
      byType.put(
          type.getKey(),
          new BoundaryStats.Traffic(
              whole(traffic, "sent"),
              whole(traffic, "sent_bytes"),
              whole(traffic, "serialize_ns"),
              whole(traffic, "received"),
              whole(traffic, "received_bytes"),
              whole(traffic, "deserialize_ns")));
    }
    return new BoundaryStats(byType);
  }

  private static JsonNode required(JsonNode json, String key) {
    JsonNode value = json.get(key);
    if (value == null) {
      throw new IllegalArgumentException("a run's JSON has no '" + key + "': " + json);
    }
    return value;
  }

  private static long whole(JsonNode json, String key) {
    JsonNode value = required(json, key);
    if (!value.canConvertToLong()) {
      throw new IllegalArgumentException("'" + key + "' is not a whole number: " + value);
    }
    return value.longValue();
  }

  /** Milliseconds with decimals back to nanoseconds; null (not measured) to -1. */
  private static long nanos(JsonNode json, String key) {
    JsonNode value = required(json, key);
    if (value.isNull()) {
      return -1;
    }
    if (!value.isNumber()) {
      throw new IllegalArgumentException("'" + key + "' is not a number: " + value);
    }
    return value.decimalValue().movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValue();
  }

  private static Object detailValue(JsonNode value) {
    if (value.isNull()) {
      return null;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber()) {
      return value.canConvertToLong() ? (Object) value.longValue() : value.bigIntegerValue();
    }
    if (value.isNumber()) {
      return value.decimalValue();
    }
    return value.asText();
  }

  /**
   * Parses JSON text as written by this class, decimals kept exact.
   *
   * @throws IllegalArgumentException when the text is not JSON
   */
  public static JsonNode parse(String text) {
    try {
      return READER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static BigDecimal millis(long nanos) {
    return nanos < 0 ? null : Units.millis(nanos);
  }

  private static void putDetail(ObjectNode details, String key, Object value) {
    if (value == null) {
      details.putNull(key);
    } else if (value instanceof String text) {
      details.put(key, text);
    } else if (value instanceof Boolean flag) {
      details.put(key, flag);
    } else if (value instanceof BigDecimal decimal) {
      details.put(key, decimal);
    } else if (value instanceof BigInteger integer) {
      details.put(key, integer);
    } else if (value instanceof Float single) { // as a float, or 0.1f would print as 0.10000000149...
      details.put(key, single);
    } else if (value instanceof Double real) {
      details.put(key, real);
    } else if (value instanceof Number number) { // Integer, Long, AtomicLong...
      details.put(key, number.longValue());
    } else {
      throw new IllegalArgumentException(
          "detail '" + key + "' must be a number, string or boolean, was "
              + value.getClass().getName() + ": " + value);
    }
  }
}
