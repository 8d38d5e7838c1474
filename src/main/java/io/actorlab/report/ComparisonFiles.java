package io.actorlab.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The three files of a comparison in one folder: {@code report.json} ({@link ComparisonJson},
 * indented), {@code report.csv} ({@link ComparisonCsv}) and {@code report.html} ({@link
 * ComparisonHtml}).
 */
public final class ComparisonFiles {

  /** The file names, in the order they are written. */
  public static final List<String> NAMES = List.of("report.json", "report.csv", "report.html");

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault());

  private ComparisonFiles() {}

  /**
   * A folder for a new report under {@code root}: {@code <yyyyMMdd-HHmmss>-<workload>} in local time,
   * with {@code -2}, {@code -3}, ... added when that folder exists already.
   */
  public static Path newFolder(Path root, Instant started, String workload) {
    String base = STAMP.format(started) + "-" + workload.replaceAll("[^A-Za-z0-9._-]", "_");
    Path folder = root.resolve(base);
    for (int n = 2; Files.exists(folder); n++) {
      folder = root.resolve(base + "-" + n);
    }
    return folder;
  }

  /** Writes the three files into {@code folder}, creating it; returns their paths. */
  public static List<Path> write(Comparison comparison, Path folder) throws IOException {
    Files.createDirectories(folder);
    Path json = folder.resolve(NAMES.get(0));
    Path csv = folder.resolve(NAMES.get(1));
    Path html = folder.resolve(NAMES.get(2));
    Files.writeString(json, JsonReport.write(ComparisonJson.toNode(comparison), true) + "\n", UTF_8);
    Files.writeString(csv, ComparisonCsv.render(comparison), UTF_8);
    Files.writeString(html, ComparisonHtml.render(comparison), UTF_8);
    return List.of(json, csv, html);
  }
}
