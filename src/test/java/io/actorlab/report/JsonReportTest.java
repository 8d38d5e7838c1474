package io.actorlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.actorlab.measure.BoundaryStats;
import io.actorlab.measure.LatencySummary;
import io.actorlab.measure.RunReport;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReportTest {

  private static final ObjectMapper READER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  @Test
  void hasExactlyTheRequiredKeysInOrder() throws Exception {
    JsonNode json = READER.readTree(JsonReport.toJson(Reports.crossing(), 2));
    assertEquals(
        List.of(
            "mode", "workload", "variant", "tasks", "size", "workers", "completed", "failed",
            "checksum", "wall_ms", "cpu_ms", "cpu_utilisation", "startup_ms", "pool",
            "peak_rss_mb", "latency_ms", "boundary", "details"),
        keys(json));
    assertEquals(List.of("p50", "p99", "max"), keys(json.get("latency_ms")));
    assertEquals(
        List.of(
            "messages", "bytes", "serialize_ns", "deserialize_ns", "received_messages",
            "received_bytes", "serialize_share", "by_type"),
        keys(json.get("boundary")));
    assertEquals(
        List.of(
            "sent", "sent_bytes", "serialize_ns", "received", "received_bytes", "deserialize_ns"),
        keys(json.at("/boundary/by_type/io.example.Message")));
    assertEquals(List.of("primes", "lost", "exact", "note", "ratio"), keys(json.get("details")));
  }

  @Test
  void carriesTheReportsFigures() throws Exception {
    JsonNode json = READER.readTree(JsonReport.toJson(Reports.crossing(), 2));
    assertEquals("threads", json.get("mode").textValue());
    assertEquals("primes", json.get("workload").textValue());
    assertEquals("fast", json.get("variant").textValue());
    assertEquals(64, json.get("tasks").intValue());
    assertEquals(200_000, json.get("size").longValue());
    assertEquals(4, json.get("workers").intValue());
    assertEquals(63, json.get("completed").longValue());
    assertEquals(1, json.get("failed").longValue());
    assertEquals(Reports.CHECKSUM, json.get("checksum").longValue());
    assertDecimal("1234.568", json.get("wall_ms"));
    assertDecimal("2010.000", json.get("cpu_ms"));
    assertDecimal("0.814", json.get("cpu_utilisation")); // 2.01 s / 1.2346 s / 2 cores
    assertDecimal("412.346", json.get("startup_ms"));
    assertDecimal("83.4", json.get("peak_rss_mb")); // 87,450,010 / 2^20
    assertDecimal("12.346", json.at("/latency_ms/p50"));
    assertDecimal("40.100", json.at("/latency_ms/p99"));
    assertDecimal("52.000", json.at("/latency_ms/max"));
    assertEquals(1024, json.at("/boundary/messages").longValue());
    assertEquals(3_355_443, json.at("/boundary/bytes").longValue());
    assertEquals(12_000_000, json.at("/boundary/serialize_ns").longValue());
    assertEquals(9_000_000, json.at("/boundary/deserialize_ns").longValue());
    assertEquals(1024, json.at("/boundary/received_messages").longValue());
    assertEquals(3_355_443, json.at("/boundary/received_bytes").longValue());
    assertEquals(1234, json.at("/details/primes").longValue());
    assertEquals(0, json.at("/details/lost").intValue());
    assertTrue(json.at("/details/exact").booleanValue());
    assertEquals("ok", json.at("/details/note").textValue());
    assertDecimal("0.25", json.at("/details/ratio"));
  }

  @Test
  void totalsEveryMessageTypeAndListsEachByName() throws Exception {
    BoundaryStats twoTypes =
        BoundaryStats.of("b.Result", new BoundaryStats.Traffic(3, 30, 300, 2, 20, 200))
            .plus(BoundaryStats.of("a.Run", new BoundaryStats.Traffic(5, 500, 50, 5, 500, 70)));
    JsonNode json = json(withBoundary(twoTypes, 1_000_000_000));

    assertEquals(8, json.at("/boundary/messages").longValue());
    assertEquals(530, json.at("/boundary/bytes").longValue());
    assertEquals(350, json.at("/boundary/serialize_ns").longValue());
    assertEquals(7, json.at("/boundary/received_messages").longValue());
    assertEquals(520, json.at("/boundary/received_bytes").longValue());
    assertEquals(270, json.at("/boundary/deserialize_ns").longValue());
    assertEquals(List.of("a.Run", "b.Result"), keys(json.at("/boundary/by_type")));
    assertEquals(2, json.at("/boundary/by_type/b.Result/received").longValue());
    assertEquals(twoTypes, JsonReport.fromJson(json).boundary());
  }

  @Test
  void serializeShareIsBoundaryTimeOverWallTime() throws Exception {
    JsonNode json = READER.readTree(JsonReport.toJson(Reports.crossing(), 2));
    // (12 ms + 9 ms) / 1,234.567891 ms = 0.017010...
    assertDecimal("0.0170", json.at("/boundary/serialize_share"));

    RunReport half = withBoundary(Reports.boundary(10, 100, 300_000_000, 200_000_000), 1_000_000_000);
    assertDecimal("0.5000", json(half).at("/boundary/serialize_share"));

    RunReport nothingCrossed = withBoundary(BoundaryStats.NONE, 1_000_000_000);
    assertDecimal("0", json(nothingCrossed).at("/boundary/serialize_share"));

    RunReport noWallTime = withBoundary(Reports.boundary(1, 1, 5, 5), 0);
    assertDecimal("0", json(noWallTime).at("/boundary/serialize_share"));
  }

  @Test
  void numbersAreWrittenWithFixedDecimals() {
    String json = JsonReport.toJson(Reports.crossing(), 2);
    assertTrue(json.contains("\"cpu_ms\":2010.000,"), json);
    assertTrue(json.contains("\"p99\":40.100,"), json);
    assertTrue(json.contains("\"peak_rss_mb\":83.4,"), json);
    assertTrue(json.contains("\"serialize_share\":0.0170,"), json);
  }

  @Test
  void unmeasuredFiguresAreNullAndNoLatencyIsZero() throws Exception {
    JsonNode json = json(Reports.unmeasured());
    assertTrue(json.get("cpu_ms").isNull());
    assertTrue(json.get("cpu_utilisation").isNull());
    assertTrue(json.get("peak_rss_mb").isNull());
    assertDecimal("2.000", json.get("wall_ms"));
    assertDecimal("0", json.get("startup_ms"));
    assertDecimal("0", json.at("/latency_ms/max"));
    assertEquals(0, json.at("/boundary/messages").longValue());
    assertTrue(json.get("details").isObject());
    assertEquals(0, json.get("details").size());
  }

  @Test
  void compactIsOneLineAndPrettyIsTheSameTree() throws Exception {
    String compact = JsonReport.toJson(Reports.crossing(), 2);
    String pretty = JsonReport.toPrettyJson(Reports.crossing(), 2);
    assertFalse(compact.contains("\n"));
    assertTrue(pretty.contains("\n"));
    assertEquals(READER.readTree(compact), READER.readTree(pretty));
  }

  @Test
  void nodesCombineIntoALargerReport() throws Exception {
    ArrayNode runs = READER.createArrayNode();
    runs.add(JsonReport.toNode(Reports.crossing(), 2));
    runs.add(JsonReport.toNode(Reports.unmeasured(), 2));
    JsonNode back = READER.readTree(JsonReport.write(runs, false));
    assertEquals(2, back.size());
    assertEquals("threads", back.get(0).get("mode").textValue());
    assertEquals("sequential", back.get(1).get("mode").textValue());
    assertTrue(JsonReport.write(runs, false).contains("\"wall_ms\":1234.568,"));
  }

  @Test
  void decimalDetailsPrintAsWritten() {
    assertTrue(JsonReport.toJson(withDetails(Map.of("f", 0.1f)), 1).contains("\"f\":0.1}"));
    RunReport tiny = withDetails(Map.of("d", new BigDecimal("1E-7")));
    assertTrue(JsonReport.toJson(tiny, 1).contains("\"d\":0.0000001}"));
  }

  @Test
  void detailsOtherThanNumbersStringsAndBooleansAreRejected() {
    RunReport report = withDetails(Map.of("when", List.of(1, 2)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JsonReport.toJson(report, 1));
    assertTrue(e.getMessage().contains("'when'"), e.getMessage());
  }

  @Test
  void coresMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> JsonReport.toNode(Reports.crossing(), 0));
  }

  private static JsonNode json(RunReport report) throws Exception {
    return READER.readTree(JsonReport.toJson(report, 2));
  }

  private static void assertDecimal(String expected, JsonNode actual) {
    assertTrue(actual.isNumber(), "not a number: " + actual);
    assertEquals(
        0,
        new BigDecimal(expected).compareTo(actual.decimalValue()),
        "expected " + expected + ", was " + actual);
  }

  private static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static RunReport withBoundary(BoundaryStats boundary, long wallNanos) {
    RunReport r = Reports.crossing();
    return new RunReport(
        r.mode(), r.workload(), r.variant(), r.tasks(), r.size(), r.workers(), r.completed(),
        r.failed(), r.checksum(), wallNanos, r.cpuNanos(), r.startupNanos(), r.pool(),
        r.peakRssBytes(),
        r.latency(), boundary, r.details());
  }

  private static RunReport withDetails(Map<String, Object> details) {
    RunReport r = Reports.unmeasured();
    return new RunReport(
        r.mode(), r.workload(), r.variant(), r.tasks(), r.size(), r.workers(), r.completed(),
        r.failed(), r.checksum(), r.wallNanos(), r.cpuNanos(), r.startupNanos(), r.pool(),
        r.peakRssBytes(),
        LatencySummary.NONE, r.boundary(), new LinkedHashMap<>(details));
  }
}
