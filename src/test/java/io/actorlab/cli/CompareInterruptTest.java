package io.actorlab.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.actorlab.report.JsonReport;
import io.actorlab.testing.Cli;
import io.actorlab.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A comparison told to exit part-way (Ctrl-C, or SIGTERM, which runs the same shutdown hooks) keeps
 * what it measured: it writes the report of the runs so far, marked as stopped early, and leaves no
 * JVM of its own behind. In a JVM of its own, since the signal ends it.
 */
class CompareInterruptTest {

  @TempDir Path dir;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killEverything() {
    started.forEach(process -> process.descendants().forEach(ProcessHandle::destroyForcibly));
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void aComparisonToldToExitReportsTheRunsMeasuredSoFarAndLeavesNoJvm() throws Exception {
    Path report = dir.resolve("report");
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    // 100 runs of 0.4 s: minutes, unless interrupted.
    Process compare =
        new ProcessBuilder(
                Cli.command(
                    "compare", "--report", report.toString(), "--workload", "sleep", "--tasks", "2",
                    "--size", "200", "--modes", "sequential,threads", "--workers", "1",
                    "--warmup", "0", "--repeat", "50", "--verbose"))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    started.add(compare);
    awaitLine(compare, err, "actorlab: run 3/100");
    List<ProcessHandle> children = compare.descendants().toList();
    assertFalse(children.isEmpty(), "each mode runs in a JVM of its own");

    compare.destroy(); // SIGTERM
    assertTrue(compare.waitFor(30, TimeUnit.SECONDS), "the comparison did not end within 30 s");

    String table = Files.readString(out, UTF_8);
    assertTrue(table.contains("!! STOPPED EARLY after "), table);
    assertTrue(table.contains("of 100 runs: interrupted"), table);
    JsonNode file = JsonReport.parse(Files.readString(report.resolve("report.json"), UTF_8));
    String stopped = file.get("stopped_early").asText();
    int runs = file.get("runs").size();
    assertTrue(runs >= 3, () -> runs + " runs in " + file);
    assertEquals("after " + runs + " of 100 runs: interrupted", stopped.substring(0, stopped.indexOf(" (")));
    assertTrue(Files.exists(report.resolve("report.html")));
    Processes.assertAllExit(children, Duration.ofSeconds(15));
  }

  /** Waits until the file the process writes its stderr to holds {@code line}. */
  private static void awaitLine(Process process, Path stderr, String line) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.readString(stderr, UTF_8).contains(line)) {
        return;
      }
      assertTrue(process.isAlive(), () -> "it exited early: " + read(stderr));
      Thread.sleep(100);
    }
    throw new AssertionError("no '" + line + "' within 120 s: " + read(stderr));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, UTF_8);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
