package io.actorlab.report;

import io.actorlab.measure.BoundaryStats;
import io.actorlab.measure.LatencySummary;
import io.actorlab.measure.RunReport;
import java.util.LinkedHashMap;
import java.util.Map;

/** Hand-built reports with figures whose rendering is worked out by hand in the tests. */
final class Reports {

  static final long CHECKSUM = -8_211_997_456_372_339_211L;

  private Reports() {}

  /** A run of 64 tasks on 4 workers in which 1,024 messages crossed. */
  static RunReport crossing() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("primes", 1234L);
    details.put("lost", 0);
    details.put("exact", true);
    details.put("note", "ok");
    details.put("ratio", 0.25);
    return new RunReport(
        "threads",
        "primes",
        "fast",
        64,
        200_000,
        4,
        63,
        1,
        CHECKSUM,
        1_234_567_891,
        2_010_000_000,
        412_345_678,
        RunReport.Pool.STARTED,
        87_450_010,
        new LatencySummary(12_345_678, 40_100_000, 52_000_000),
        boundary(1024, 3_355_443, 12_000_000, 9_000_000),
        details);
  }

  /** Messages of one type, each read as often as sent. */
  static BoundaryStats boundary(long messages, long bytes, long serializeNanos, long deserializeNanos) {
    return BoundaryStats.of(
        "io.example.Message",
        new BoundaryStats.Traffic(
            messages, bytes, serializeNanos, messages, bytes, deserializeNanos));
  }

  /** A run in which nothing crossed and neither CPU time nor RSS could be measured. */
  static RunReport unmeasured() {
    return new RunReport(
        "sequential", "sum-loop", "", 1, 10, 1, 1, 0, 7, 2_000_000, -1, 0, RunReport.Pool.STARTED, -1,
        LatencySummary.NONE, BoundaryStats.NONE, Map.of());
  }

  /** {@link #crossing()}, run on a pool an earlier run started: no start-up of its own. */
  static RunReport onReusedPool() {
    RunReport r = crossing();
    return new RunReport(
        r.mode(), r.workload(), r.variant(), r.tasks(), r.size(), r.workers(), r.completed(),
        r.failed(), r.checksum(), r.wallNanos(), r.cpuNanos(), -1, RunReport.Pool.REUSED,
        r.peakRssBytes(), r.latency(), r.boundary(), r.details());
  }
}
