package io.actorlab.cli;

import static io.actorlab.cli.CliTest.assertContains;
import static io.actorlab.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.actorlab.report.JsonReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code actorlab advise} end to end, on tiny samples. */
@ExtendWith(LogCapturingExtension.class)
class AdviseCommandTest {

  @TempDir Path dir;

  @Test
  void jsonHasTheProfileThePredictionsAndTheRecommendation() {
    CliTest.Result result =
        cli("advise", "--tasks", "4", "--size", "20000", "--sample", "2", "--modes", "threads,gil",
            "--json").succeeded();

    JsonNode json = JsonReport.parse(result.out());
    assertEquals("actorlab-advice/1", json.get("format").asText());
    assertEquals(2, json.at("/profile/sample_tasks").asInt());
    assertTrue(json.at("/profile/task_ms").decimalValue().signum() > 0);
    List<String> sampled = new ArrayList<>();
    json.at("/profile/modes").forEach(mode -> sampled.add(mode.get("mode").asText()));
    assertEquals(List.of("sequential", "threads", "gil"), sampled);
    assertEquals(3, json.get("predictions").size());
    assertTrue(List.of("sequential", "threads", "gil").contains(json.at("/recommended/mode").asText()));
    assertTrue(json.get("reasons").size() >= 3, json.get("reasons")::toString);
    assertTrue(json.get("verification").isNull());
  }

  @Test
  void aModeWithWorkerJvmsIsSampledColdForItsStartUpAndWarmUpAndWarmForItsOverhead() {
    CliTest.Result result =
        cli("advise", "--tasks", "4", "--size", "20000", "--sample", "2", "--modes", "hybrid",
            "--json", "-Dactorlab.workers=1").succeeded();

    JsonNode root = JsonReport.parse(result.out());
    JsonNode hybrid = root.at("/profile/modes/1");
    assertEquals("hybrid", hybrid.get("mode").asText());
    assertTrue(hybrid.get("startup_ms").decimalValue().signum() > 0, hybrid::toString);
    assertTrue(hybrid.get("warmup_ms").decimalValue().signum() >= 0, hybrid::toString);
    assertTrue(hybrid.get("checksum_matches").asBoolean(), hybrid::toString);
    // Its JVMs run actorlab.cluster.workers-per-node tasks at once (4 in the hybrid mode file), and a
    // pool of two started too, for what each more JVM adds to the start-up.
    assertEquals(4, hybrid.get("tasks_per_worker").asInt(), hybrid::toString);
    assertTrue(hybrid.get("startup_ms_per_more_worker").decimalValue().signum() >= 0, hybrid::toString);
    JsonNode predicted = null;
    for (JsonNode prediction : root.get("predictions")) {
      predicted = prediction.get("mode").asText().equals("hybrid") ? prediction : predicted;
    }
    assertEquals(4, predicted.get("tasks_per_worker").asInt(), root::toString);
  }

  @Test
  void verifyMeasuresTheCandidatesWithCompare() throws Exception {
    Path report = dir.resolve("verified");
    CliTest.Result result =
        cli("advise", "--tasks", "2", "--size", "1000", "--sample", "2", "--modes", "threads",
            "--verify", "--report", report.toString(), "-Dactorlab.compare.repeat=1",
            "-Dactorlab.compare.warmup=0").succeeded();

    assertContains(result.out(), "recommended: ");
    assertContains(result.out(), "why:");
    assertTrue(result.out().lines().anyMatch(l -> l.matches("mode\\s+workers.*measured")), result.out());
    assertTrue(Files.isRegularFile(report.resolve("report.html")));
    JsonNode compared = JsonReport.parse(Files.readString(report.resolve("report.json")));
    assertEquals("sequential", compared.at("/modes/0/mode").asText());
    assertEquals("threads", compared.at("/modes/1/mode").asText());
  }

  @Test
  void aModeWithAWrongAnswerIsFlaggedWithExitThree() {
    CliTest.Result result =
        cli("advise", "--workload", ThreadNameWorkload.class.getName(), "--modes", "threads");

    assertEquals(Main.CHECKSUM_MISMATCH, result.code(), result::toString);
    assertContains(result.out(), "!! threads: computed a different checksum");
    assertContains(result.err(), "actorlab: !! threads: computed a different checksum");
  }

  @Test
  @EnabledForJreRange(max = JRE.JAVA_20)
  void aModeThisJavaCannotRunIsRefused() {
    String err = cli("advise", "--modes", "virtual").refused();

    assertContains(err, "needs Java 21");
  }
}
