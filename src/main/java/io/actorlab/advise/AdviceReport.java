package io.actorlab.advise;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.actorlab.report.Comparison;
import io.actorlab.report.ModeSummary;
import io.actorlab.report.Units;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Advice as text for the terminal and as JSON ({@code format} "actorlab-advice/1"), with, after
 * {@code --verify}, the measured speed-ups next to the predicted ones. Returns text; never prints.
 */
public final class AdviceReport {

  /** The value of the JSON's {@code format} key. */
  public static final String FORMAT = "actorlab-advice/1";

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private AdviceReport() {}

  /** The advice as text: recommendation, reasons, predictions, and the verification if there is one. */
  public static String text(Advice advice, Optional<Comparison> verification) {
    Profile profile = advice.profile();
    Advice.Prediction recommended = advice.recommended();
    List<String> lines = new ArrayList<>();
    lines.add(
        profile.workload()
            + (profile.variant().isEmpty() ? "" : " (" + profile.variant() + ")")
            + ", "
            + profile.tasks()
            + " tasks, size "
            + Units.count(profile.size())
            + ": profiled on a sample of "
            + profile.sampleTasks()
            + " tasks per mode, one worker each, in this JVM, "
            + profile.cores()
            + " cores");
    lines.add("");
    lines.add(
        "recommended: "
            + recommended.mode()
            + " with "
            + recommended.workers()
            + (recommended.workers() == 1 ? " worker" : " workers")
            + (recommended.tasksPerWorker() > 1
                ? " of " + recommended.tasksPerWorker() + " tasks at once"
                : "")
            + ", predicted "
            + Advisor.times(recommended.speedup())
            + " the speed of sequential");
    lines.add("");
    lines.add("why:");
    advice.reasons().forEach(reason -> lines.add("  - " + reason));
    advice.excluded().forEach(line -> lines.add("  !! " + line));
    lines.add("");
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        new ArrayList<>(
            List.of(
                "mode", "workers", "predicted wall", "speed-up", "overhead/task", "start-up",
                "warm-up", "crossed/task")));
    if (verification.isPresent()) {
      rows.get(0).add("measured");
    }
    for (Advice.Prediction prediction : advice.predictions()) {
      List<String> row =
          new ArrayList<>(
              List.of(
                  prediction.mode(),
                  workers(prediction),
                  Advisor.duration(prediction.wallNanos()),
                  Advisor.times(prediction.speedup()),
                  Advisor.duration(prediction.overheadNanos()),
                  Units.duration(prediction.startupNanos()),
                  Units.duration(prediction.warmupNanos()),
                  prediction.bytes() > 0 ? Units.bytes(Math.round(prediction.bytes())) : "-"));
      verification.ifPresent(
          comparison -> row.add(measured(comparison, prediction).map(Advisor::times).orElse("-")));
      rows.add(row);
    }
    lines.addAll(align(rows));
    lines.add("");
    if (verification.isEmpty()) {
      lines.add(
          "predictions from the sample; to measure them: add --verify, or run bin/actorlab compare"
              + " --modes "
              + verifyModes(advice).stream().map(Advice.Prediction::mode).reduce((a, b) -> a + "," + b).orElse("")
              + " --workers "
              + recommended.workers());
    } else {
      lines.add(
          "measured: speed-up of the median wall time in `compare` (each mode in its own JVM); "
              + "reports in the compare report folder");
    }
    return String.join("\n", lines);
  }

  /**
   * The candidates {@code --verify} compares: sequential, the recommendation and the next best mode,
   * each at its predicted worker count.
   */
  public static List<Advice.Prediction> verifyModes(Advice advice) {
    List<Advice.Prediction> chosen = new ArrayList<>();
    advice.predictions().stream()
        .filter(p -> p.mode().equals(Profiler.BASELINE))
        .findFirst()
        .ifPresent(chosen::add);
    for (Advice.Prediction prediction : advice.predictions()) {
      if (chosen.size() >= 3) {
        break;
      }
      if (chosen.stream().noneMatch(p -> p.mode().equals(prediction.mode()))) {
        chosen.add(prediction);
      }
    }
    return chosen;
  }

  /** The advice as JSON, with the comparison's summaries when verified. */
  public static ObjectNode json(Advice advice, Optional<ObjectNode> verification) {
    Profile profile = advice.profile();
    ObjectNode root = NODES.objectNode();
    root.put("format", FORMAT);
    root.put("workload", profile.workload());
    root.put("variant", profile.variant());
    root.put("tasks", profile.tasks());
    root.put("size", profile.size());
    ObjectNode sample = root.putObject("profile");
    sample.put("sample_tasks", profile.sampleTasks());
    sample.put("cores", profile.cores());
    sample.put("load_average", Units.fixed(profile.loadAverage(), 2));
    sample.put("task_ms", millis(profile.taskNanos()));
    sample.put("cpu_fraction", Units.fixed(profile.cpuFraction(), 3));
    sample.put("checksum", profile.checksum());
    ArrayNode modes = sample.putArray("modes");
    for (Profile.ModeSample mode : profile.modes()) {
      ObjectNode node = modes.addObject();
      node.put("mode", mode.mode());
      node.put("wall_ms", millis(mode.wallNanos()));
      node.put("tasks_per_worker", mode.tasksPerWorker());
      node.put("startup_ms", millis(mode.startupNanos()));
      node.put("startup_ms_per_more_worker", millis(mode.startupPerWorkerNanos()));
      node.put("warmup_ms", millis(mode.warmupNanos()));
      node.put("overhead_ms_per_task", millis(mode.overheadNanos()));
      node.put("bytes_per_task", Units.fixed(mode.bytes(), 1));
      node.put("serialize_ms_per_task", millis(mode.serializeNanos()));
      node.put("checksum_matches", mode.checksum() == profile.checksum());
      node.put("failed", mode.failed());
    }
    ArrayNode predictions = root.putArray("predictions");
    advice.predictions().forEach(p -> predictions.add(prediction(p)));
    root.set("recommended", prediction(advice.recommended()));
    ArrayNode reasons = root.putArray("reasons");
    advice.reasons().forEach(reasons::add);
    ArrayNode excluded = root.putArray("excluded");
    advice.excluded().forEach(excluded::add);
    if (verification.isPresent()) {
      root.set("verification", verification.get());
    } else {
      root.putNull("verification");
    }
    return root;
  }

  private static ObjectNode prediction(Advice.Prediction prediction) {
    ObjectNode node = NODES.objectNode();
    node.put("mode", prediction.mode());
    node.put("workers", prediction.workers());
    node.put("tasks_per_worker", prediction.tasksPerWorker());
    node.put("wall_ms", millis(prediction.wallNanos()));
    node.put("speedup", Units.fixed(prediction.speedup(), 3));
    node.put("startup_ms", millis(prediction.startupNanos()));
    node.put("warmup_ms", millis(prediction.warmupNanos()));
    node.put("overhead_ms_per_task", millis(prediction.overheadNanos()));
    node.put("bytes_per_task", Units.fixed(prediction.bytes(), 1));
    return node;
  }

  /** The worker count, and the tasks each runs at once when more than one: "2 x4". */
  private static String workers(Advice.Prediction prediction) {
    return prediction.workers()
        + (prediction.tasksPerWorker() > 1 ? " x" + prediction.tasksPerWorker() : "");
  }

  private static Optional<Double> measured(Comparison comparison, Advice.Prediction prediction) {
    return comparison.summaries().stream()
        .filter(s -> s.cell().mode().equals(prediction.mode()))
        .filter(s -> s.cell().workers() == prediction.workers() || s.cell().workers() == 1 && prediction.workers() == 1)
        .map(ModeSummary::speedup)
        .filter(speedup -> !speedup.isNaN())
        .findFirst();
  }

  private static BigDecimal millis(double nanos) {
    return Units.fixed(nanos / 1e6, 3);
  }

  private static List<String> align(List<List<String>> rows) {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    rows.forEach(row -> {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    });
    List<String> lines = new ArrayList<>();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        String pad = " ".repeat(widths[i] - row.get(i).length());
        line.append(i == 0 ? row.get(i) + pad : "  " + pad + row.get(i));
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }
}
