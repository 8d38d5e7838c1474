package io.actorlab.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.actorlab.measure.BoundaryStats;
import io.actorlab.measure.RunReport;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.json, report.csv and report.html, parsed back and checked against the runs they hold. */
class ComparisonFilesTest {

  @TempDir Path dir;

  private static Comparison withBoundary() {
    return Comparisons.builder()
        .warmup(1)
        .run(1, "sequential", 1, 2000, Comparisons.RIGHT)
        .run(1, "serialize-local", 2, 900, Comparisons.RIGHT, 0, Reports.boundary(32, 936, 5_000, 2_000))
        .run(2, "sequential", 1, 1400, Comparisons.RIGHT)
        .run(2, "serialize-local", 2, 700, Comparisons.RIGHT, 0, Reports.boundary(32, 936, 7_000_000, 0))
        .skipped("virtual", "needs Java 21, this is Java 17")
        .build();
  }

  @Test
  void writesTheThreeFiles() throws IOException {
    List<Path> files = ComparisonFiles.write(withBoundary(), dir.resolve("new/folder"));

    assertEquals(
        List.of("report.json", "report.csv", "report.html"),
        files.stream().map(f -> f.getFileName().toString()).toList());
    files.forEach(file -> assertTrue(Files.isRegularFile(file), file::toString));
  }

  @Test
  void aNewFolderNeverReusesAnOldOne() throws IOException {
    Instant now = Instant.parse("2026-11-22T03:00:00Z");
    Path first = ComparisonFiles.newFolder(dir, now, "primes");
    Files.createDirectories(first);
    Path second = ComparisonFiles.newFolder(dir, now, "primes");

    assertTrue(first.getFileName().toString().matches("\\d{8}-\\d{6}-primes"), first::toString);
    assertEquals(first.getFileName() + "-2", second.getFileName().toString());
  }

  @Test
  void jsonHoldsEveryRunAndTheSummaries() throws IOException {
    Comparison comparison = withBoundary();
    ComparisonFiles.write(comparison, dir);
    JsonNode json = JsonReport.parse(Files.readString(dir.resolve("report.json"), UTF_8));

    assertEquals(ComparisonJson.FORMAT, json.get("format").asText());
    assertEquals("primes", json.get("workload").asText());
    assertEquals(1, json.get("warmup").asInt());
    assertEquals(1, json.get("repeat").asInt());
    assertEquals(2, json.at("/machine/cores").asInt());
    assertEquals("17.0.15+6", json.at("/machine/java_version").asText());
    assertEquals("Linux", json.at("/machine/os_name").asText());
    assertEquals("sequential", json.at("/baseline/mode").asText());
    assertEquals(Comparisons.RIGHT, json.get("reference_checksum").asLong());
    assertTrue(json.get("checksums_match").asBoolean());
    assertEquals("virtual", json.at("/skipped/0/mode").asText());

    JsonNode runs = json.get("runs");
    assertEquals(comparison.runs().size(), runs.size());
    for (int i = 0; i < runs.size(); i++) {
      Comparison.Run run = comparison.runs().get(i);
      JsonNode node = runs.get(i);
      assertEquals(run.round(), node.get("round").asInt());
      assertEquals(run.warmup(), node.get("warmup").asBoolean());
      // Each run reads back with the single-run reader: the same run.
      RunReport back = JsonReport.fromJson(node);
      assertEquals(run.report().mode(), back.mode());
      assertEquals(run.report().workers(), back.workers());
      assertEquals(run.report().wallNanos(), back.wallNanos());
      assertEquals(run.report().checksum(), back.checksum());
      assertEquals(run.report().boundary(), back.boundary());
    }

    JsonNode modes = json.get("modes");
    assertEquals(2, modes.size());
    JsonNode serialized = modes.get(1);
    assertEquals("serialize-local", serialized.get("mode").asText());
    assertEquals(2, serialized.get("workers").asInt());
    assertEquals(1, serialized.get("runs").asInt()); // the warm-up is not a measured run
    assertEquals(new BigDecimal("700.000"), serialized.at("/wall_ms/median").decimalValue());
    assertEquals(new BigDecimal("2.000"), serialized.get("speedup").decimalValue()); // 1400 / 700
    assertEquals(new BigDecimal("1.000"), serialized.get("efficiency").decimalValue());
    assertEquals(936, serialized.get("boundary_bytes").asLong());
    assertEquals(new BigDecimal("7.000"), serialized.get("serialize_ms").decimalValue());
    assertEquals(new BigDecimal("0.0100"), serialized.get("serialize_share").decimalValue());
    assertTrue(serialized.get("checksum_matches").asBoolean());
  }

  @Test
  void csvHasOneRowPerRunWithItsFigures() throws IOException {
    Comparison comparison = withBoundary();
    ComparisonFiles.write(comparison, dir);
    String text = Files.readString(dir.resolve("report.csv"), UTF_8);
    List<List<String>> rows = parseCsv(text);

    assertEquals(ComparisonCsv.COLUMNS, rows.get(0));
    assertEquals(comparison.runs().size() + 1, rows.size());
    for (int i = 0; i < comparison.runs().size(); i++) {
      Comparison.Run run = comparison.runs().get(i);
      List<String> row = rows.get(i + 1);
      assertEquals(ComparisonCsv.COLUMNS.size(), row.size(), row::toString);
      assertEquals(Integer.toString(run.round()), field(row, "round"));
      assertEquals(Boolean.toString(run.warmup()), field(row, "warmup"));
      assertEquals(run.report().mode(), field(row, "mode"));
      assertEquals(Integer.toString(run.report().workers()), field(row, "workers"));
      assertEquals(Long.toString(run.report().checksum()), field(row, "checksum"));
      assertEquals("true", field(row, "checksum_matches"));
      assertEquals(Units.millis(run.report().wallNanos()).toPlainString(), field(row, "wall_ms"));
      assertEquals(Long.toString(run.report().boundary().bytes()), field(row, "boundary_bytes"));
    }
    assertTrue(text.endsWith("\r\n"));
  }

  @Test
  void csvQuotesWhatNeedsIt() {
    assertEquals("plain", ComparisonCsv.quoted("plain"));
    assertEquals("\"a,b\"", ComparisonCsv.quoted("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", ComparisonCsv.quoted("say \"hi\""));
  }

  @Test
  void htmlIsSelfContained() throws IOException {
    ComparisonFiles.write(withBoundary(), dir);
    String html = Files.readString(dir.resolve("report.html"), UTF_8);

    assertTrue(html.contains("Chart.js v" + ComparisonHtml.chartJsVersion()), "Chart.js is inlined");
    assertTrue(html.contains("\"format\":\"" + ComparisonJson.FORMAT + "\""), "the data is inlined");
    // Nothing to fetch: no script, style sheet or image from elsewhere.
    Matcher external = Pattern.compile("(?i)<(script|link|img)[^>]+(src|href)=").matcher(html);
    assertFalse(external.find(), () -> "fetches " + external.group());
    assertEquals(3, count(html, "<script"), "data, Chart.js, the page's script, and no other");
  }

  @Test
  void dataCannotEndItsScriptElement() {
    String json = "{\"note\":\"</script><script>alert(1)</script>\"}";
    assertFalse(ComparisonHtml.jsonInScript(json).contains("</script"));
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }

  private static String field(List<String> row, String column) {
    return row.get(ComparisonCsv.COLUMNS.indexOf(column));
  }

  /** RFC 4180, enough for these files: quoted fields with doubled quotes, CRLF line ends. */
  static List<List<String>> parseCsv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        field.append(c);
      }
    }
    return rows;
  }
}
