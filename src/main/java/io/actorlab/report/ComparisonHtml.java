package io.actorlab.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A comparison as one self-contained HTML page ({@code report.html}) that opens offline: Chart.js's UMD
 * bundle (from the {@code org.webjars.npm:chart.js} jar on the classpath), the page's script ({@code
 * compare.js} next to this class) and the comparison's JSON ({@link ComparisonJson}) are written into
 * the page; nothing is fetched. The page draws a summary table, wall time by mode, where the time goes
 * (start-up, compute, serialization), peak memory by mode and, when several worker counts ran,
 * speed-up by worker count.
 */
public final class ComparisonHtml {

  private static final String WEBJAR = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
  private static final String TEMPLATE = "compare.html";
  private static final String SCRIPT = "compare.js";

  private ComparisonHtml() {}

  /** The page. */
  public static String render(Comparison comparison) {
    String data = JsonReport.write(ComparisonJson.toNode(comparison), false);
    String title = "actorlab compare: " + comparison.setup().workload();
    return fill(
        resource(ComparisonHtml.class, TEMPLATE),
        Map.of(
            "__TITLE__", escapeHtml(title),
            "__DATA__", jsonInScript(data),
            "__CHART_JS__", codeInScript("Chart.js", chartJs()),
            "__PAGE_JS__", codeInScript(SCRIPT, resource(ComparisonHtml.class, SCRIPT))));
  }

  /** Replaces each placeholder of the template once, never looking inside what it put in. */
  private static String fill(String template, Map<String, String> values) {
    Matcher placeholder = Pattern.compile("__[A-Z_]+__").matcher(template);
    StringBuilder page = new StringBuilder(template.length() + 300_000);
    int last = 0;
    while (placeholder.find()) {
      String value = values.get(placeholder.group());
      if (value == null) {
        throw new IllegalStateException("no value for " + placeholder.group() + " in " + TEMPLATE);
      }
      page.append(template, last, placeholder.start()).append(value);
      last = placeholder.end();
    }
    return page.append(template, last, template.length()).toString();
  }

  /** The version of Chart.js that is inlined, e.g. 4.4.1. */
  public static String chartJsVersion() {
    Properties properties = new Properties();
    try (InputStream in = ComparisonHtml.class.getClassLoader().getResourceAsStream(WEBJAR)) {
      if (in == null) {
        throw new IllegalStateException("Chart.js is not on the classpath (" + WEBJAR + " missing)");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + WEBJAR, e);
    }
    return properties.getProperty("version");
  }

  private static String chartJs() {
    String path =
        "META-INF/resources/webjars/chart.js/" + chartJsVersion() + "/dist/chart.umd.js";
    // The source map it points at is not inlined; without the comment no browser asks for it.
    return resource(null, path).replaceAll("(?m)^//# sourceMappingURL=.*$", "");
  }

  /**
   * JSON that goes inside a {@code <script>} element. A {@code <} can only stand inside a JSON string,
   * where {@code \u003c} means the same, so no {@code </script>} or {@code <!--} can end or change
   * the element.
   */
  static String jsonInScript(String json) {
    return json.replace("<", "\\u003c");
  }

  /** Script code to inline, refused when it holds what would end or change its element. */
  static String codeInScript(String name, String code) {
    String lower = code.toLowerCase(Locale.ROOT);
    if (lower.contains("</script") || lower.contains("<!--")) {
      throw new IllegalStateException(name + " cannot be inlined: it contains </script or <!--");
    }
    return code;
  }

  static String escapeHtml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** A text resource next to {@code owner}, or at an absolute classpath path when owner is null. */
  private static String resource(Class<?> owner, String name) {
    try (InputStream in =
        owner != null
            ? owner.getResourceAsStream(name)
            : ComparisonHtml.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource not on the classpath: " + name);
      }
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }
}
