package io.actorlab.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in a real browser: headless Chromium loads the file (offline, from disk), runs Chart.js
 * and the page's script, and the test reads the DOM back. The page marks its body with
 * {@code data-charts-rendered="N"} once Chart.js has drawn all N charts, so the marker proves the
 * charts were drawn, not only that the page loaded. Any console message (an error, an uncaught
 * exception) fails the test: the page logs nothing when all is well.
 *
 * <p>Skipped without a {@code chromium} on the PATH; {@code .ci/run} installs it and sets {@value
 * HeadlessChromium#REQUIRE}, which turns the skip into a failure.
 */
class ComparisonHtmlBrowserTest {

  @TempDir Path dir;

  private HeadlessChromium.Page open(Comparison comparison) throws Exception {
    HeadlessChromium browser = HeadlessChromium.require();
    Path html = dir.resolve("report.html");
    Files.writeString(html, ComparisonHtml.render(comparison), UTF_8);
    return browser.open(html, dir);
  }

  private static String bodyAttribute(String dom, String name) {
    Matcher body = Pattern.compile("<body([^>]*)>").matcher(dom);
    assertTrue(body.find(), () -> "no <body> in the DOM:\n" + dom);
    Matcher attribute = Pattern.compile(name + "=\"([^\"]*)\"").matcher(body.group(1));
    return attribute.find() ? attribute.group(1) : null;
  }

  @Test
  void drawsThreeChartsWithoutAConsoleMessage() throws Exception {
    HeadlessChromium.Page page = open(Comparisons.threeModes());

    assertEquals("[]", page.console().toString(), "console messages");
    assertEquals(null, bodyAttribute(page.dom(), "data-chart-error"));
    assertEquals("3", bodyAttribute(page.dom(), "data-charts-expected"));
    assertEquals("3", bodyAttribute(page.dom(), "data-charts-rendered"), page.dom()::toString);
    assertTrue(page.dom().contains("Every mode computed the same answer"));
    assertTrue(page.dom().contains("<td>threads</td>"), "the table has a row per mode");
    assertTrue(page.dom().contains("skipped virtual: needs Java 21"));
  }

  @Test
  void addsTheScalingChartWhenModesRanAtSeveralWorkerCounts() throws Exception {
    Comparisons c = Comparisons.builder();
    for (int round = 1; round <= 2; round++) {
      c.run(round, "sequential", 1, 1400, Comparisons.RIGHT);
      c.run(round, "threads", 1, 1450, Comparisons.RIGHT);
      c.run(round, "threads", 2, 750, Comparisons.RIGHT);
      c.run(round, "threads", 4, 760, Comparisons.RIGHT);
    }
    HeadlessChromium.Page page = open(c.build());

    assertEquals("[]", page.console().toString(), "console messages");
    assertEquals("4", bodyAttribute(page.dom(), "data-charts-rendered"), page.dom()::toString);
    assertTrue(page.dom().contains("id=\"chart-scaling\""));
  }

  @Test
  void showsAMismatchLoudly() throws Exception {
    Comparison comparison =
        Comparisons.builder()
            .run(1, "sequential", 1, 1000, Comparisons.RIGHT)
            .run(1, "threads", 2, 500, 42)
            .build();
    HeadlessChromium.Page page = open(comparison);

    assertEquals("[]", page.console().toString(), "console messages");
    assertTrue(page.dom().contains("CHECKSUM MISMATCH: threads computed a different answer"), page.dom());
    assertTrue(page.dom().contains("class=\"mismatch\""));
    assertEquals("3", bodyAttribute(page.dom(), "data-charts-rendered"));
  }

  @Test
  void saysAComparisonStoppedEarlyBesideAMismatch() throws Exception {
    Comparison comparison =
        Comparisons.builder()
            .run(1, "sequential", 1, 1000, Comparisons.RIGHT)
            .run(1, "threads", 2, 500, 42)
            .stoppedEarly("after 2 of 6 runs: interrupted")
            .build();
    HeadlessChromium.Page page = open(comparison);

    assertEquals("[]", page.console().toString(), "console messages");
    assertTrue(page.dom().contains("CHECKSUM MISMATCH: threads computed a different answer"), page.dom());
    assertTrue(
        page.dom()
            .contains("Stopped early, so the figures are over the runs measured before: after 2 of 6"),
        page.dom());
  }

  @Test
  void aBrokenPageIsCaughtByTheTest() throws Exception {
    // The check itself: a page whose script throws must not pass as rendered.
    HeadlessChromium browser = HeadlessChromium.require();
    Path html = dir.resolve("broken.html");
    Files.writeString(
        html,
        ComparisonHtml.render(Comparisons.threeModes()).replace("new Chart(", "new NoSuchChart("),
        UTF_8);
    HeadlessChromium.Page page = browser.open(html, dir);

    assertFalse(page.console().isEmpty(), "the uncaught error reached the console");
    assertEquals(null, bodyAttribute(page.dom(), "data-charts-rendered"));
    assertTrue(bodyAttribute(page.dom(), "data-chart-error").contains("NoSuchChart"));
  }
}
