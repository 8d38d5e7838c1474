package io.actorlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableReportTest {

  @Test
  void showsEveryFigureInHumanUnits() {
    String table = TableReport.render(Reports.crossing(), 2);
    assertLine(table, "mode", "threads, 4 workers");
    assertLine(table, "workload", "primes (fast), 64 tasks, size 200,000");
    assertLine(table, "wall", "1.23 s");
    assertLine(table, "speed", "51.0 tasks/s"); // 63 completed in 1.2346 s
    assertLine(table, "cpu", "2.01 s (81% of 2 cores)");
    assertLine(table, "start-up", "412 ms");
    assertLine(table, "peak RSS", "83.4 MB");
    assertLine(table, "latency p50/p99", "12.3 ms / 40.1 ms, max 52.0 ms");
    assertLine(table, "boundary", "1,024 msgs, 3.2 MB, ser 12.0 ms, deser 9.00 ms (1.7% of wall)");
    assertLine(table, "primes", "1,234");
    assertLine(table, "lost", "0");
    assertLine(table, "exact", "true");
    assertLine(table, "note", "ok");
    assertLine(table, "ratio", "0.25");
    assertLine(table, "completed/failed", "63 / 1");
    assertLine(table, "checksum", Long.toString(Reports.CHECKSUM));
  }

  @Test
  void valuesStartInOneColumnAndNothingIsPrintedPastTheLastLine() {
    String table = TableReport.render(Reports.crossing(), 2);
    List<String> lines = Arrays.asList(table.split("\n"));
    int column = "completed/failed".length() + 2; // the longest figure name, then the gap
    for (String line : lines) {
      assertTrue(line.length() > column, line);
      assertTrue(line.charAt(column - 1) == ' ' && line.charAt(column) != ' ', "misaligned: " + line);
    }
    assertFalse(table.endsWith("\n"));
  }

  @Test
  void omitsTheBoundaryWhenNothingCrossedAndSaysWhatWasNotMeasured() {
    String table = TableReport.render(Reports.unmeasured(), 1);
    assertFalse(table.contains("boundary"), table);
    assertLine(table, "mode", "sequential, 1 worker");
    assertLine(table, "workload", "sum-loop, 1 task, size 10");
    assertLine(table, "cpu", "n/a");
    assertLine(table, "peak RSS", "n/a");
    assertLine(table, "latency p50/p99", "n/a");
    assertLine(table, "start-up", "0 ns");
  }

  @Test
  void aRunOnAReusedPoolSaysItHadNoStartUp() {

    assertLine(TableReport.render(Reports.onReusedPool(), 2), "start-up", "none (pool reused)");
  }

  @Test
  void coresMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> TableReport.render(Reports.crossing(), 0));
  }

  @Test
  void rendersTheWholeTable() {
    assertEquals(
        String.join(
            "\n",
            "mode              threads, 4 workers",
            "workload          primes (fast), 64 tasks, size 200,000",
            "wall              1.23 s",
            "speed             51.0 tasks/s",
            "cpu               2.01 s (81% of 2 cores)",
            "start-up          412 ms",
            "peak RSS          83.4 MB",
            "latency p50/p99   12.3 ms / 40.1 ms, max 52.0 ms",
            "boundary          1,024 msgs, 3.2 MB, ser 12.0 ms, deser 9.00 ms (1.7% of wall)",
            "primes            1,234",
            "lost              0",
            "exact             true",
            "note              ok",
            "ratio             0.25",
            "completed/failed  63 / 1",
            "checksum          -8211997456372339211"),
        TableReport.render(Reports.crossing(), 2));
  }

  /** The table has a line that is the figure, padding, then exactly the value. */
  private static void assertLine(String table, String figure, String value) {
    boolean found = Arrays.stream(table.split("\n")).anyMatch(line -> isRow(line, figure, value));
    assertTrue(found, "no line '" + figure + " ... " + value + "' in\n" + table);
  }

  private static boolean isRow(String line, String figure, String value) {
    return line.startsWith(figure + " ") && line.substring(figure.length()).strip().equals(value);
  }
}
