package io.actorlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.actorlab.measure.BoundaryStats;
import io.actorlab.measure.LatencySummary;
import io.actorlab.measure.RunReport;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run written as JSON reads back as the same run, up to the rounding of the written figures. */
class JsonReportReadBackTest {

  private static RunReport roundTrip(RunReport report) {
    return JsonReport.fromJson(JsonReport.parse(JsonReport.toJson(report, 2)));
  }

  @Test
  void everyFigureComesBack() {
    RunReport original = Reports.crossing();
    RunReport back = roundTrip(original);

    assertEquals(original.mode(), back.mode());
    assertEquals(original.workload(), back.workload());
    assertEquals(original.variant(), back.variant());
    assertEquals(original.tasks(), back.tasks());
    assertEquals(original.size(), back.size());
    assertEquals(original.workers(), back.workers());
    assertEquals(original.completed(), back.completed());
    assertEquals(original.failed(), back.failed());
    assertEquals(original.checksum(), back.checksum());
    assertEquals(1_234_568_000, back.wallNanos()); // milliseconds were written with 3 decimals
    assertEquals(2_010_000_000, back.cpuNanos());
    assertEquals(412_346_000, back.startupNanos());
    assertEquals(Math.round(83.4 * (1 << 20)), back.peakRssBytes(), 1); // a tenth of an MB
    assertEquals(new LatencySummary(12_346_000, 40_100_000, 52_000_000), back.latency());
    assertEquals(original.boundary(), back.boundary());
    assertEquals(
        Map.of("primes", 1234L, "lost", 0L, "exact", true, "note", "ok", "ratio", new BigDecimal("0.25")),
        back.details());
  }

  @Test
  void aRunOnAReusedPoolHasNoStartUpAndSaysSo() {
    RunReport r = Reports.crossing();
    RunReport reused = Reports.onReusedPool();

    JsonNode json = JsonReport.parse(JsonReport.toJson(reused, 2));
    assertEquals("reused", json.get("pool").asText());
    assertTrue(json.get("startup_ms").isNull(), json.toString());
    RunReport back = JsonReport.fromJson(json);
    assertEquals(RunReport.Pool.REUSED, back.pool());
    assertEquals(-1, back.startupNanos());
    assertEquals(RunReport.Pool.STARTED, roundTrip(r).pool());
  }

  @Test
  void aRunWithoutAPoolKeyStartedItsPool() {
    ObjectNode json = (ObjectNode) JsonReport.parse(JsonReport.toJson(Reports.crossing(), 2));
    json.remove("pool");

    assertEquals(RunReport.Pool.STARTED, JsonReport.fromJson(json).pool());
    json.put("pool", "borrowed");
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> JsonReport.fromJson(json));
    assertTrue(error.getMessage().contains("borrowed"), error.getMessage());
  }

  @Test
  void unmeasuredFiguresComeBackUnmeasured() {
    RunReport back = roundTrip(Reports.unmeasured());

    assertEquals(-1, back.cpuNanos());
    assertEquals(-1, back.peakRssBytes());
    assertEquals(LatencySummary.NONE, back.latency());
    assertEquals(BoundaryStats.NONE, back.boundary());
  }

  @Test
  void aRunWithoutItsFiguresIsRefusedNamingTheKey() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> JsonReport.fromJson(JsonReport.parse("{\"mode\":\"threads\"}")));
    assertEquals(true, error.getMessage().contains("'latency_ms'"), error.getMessage());
  }
}
