package io.actorlab.cli;

import static io.actorlab.cli.CliTest.assertContains;
import static io.actorlab.cli.CliTest.assertNoStackTrace;
import static io.actorlab.cli.CliTest.cli;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.actorlab.cluster.Descendants;
import io.actorlab.report.JsonReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's own task from the command line ({@code --task}, {@code --jar}, {@code --inputs}): a task
 * compiled into a jar at test time, on no class path of this JVM, run through {@code run} in three
 * modes (one of them worker JVMs), {@code compare} and {@code advise}, and every way it can go wrong.
 */
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserTaskTest {

  private static final String WORD_COUNT = "com.example.words.WordCount";

  private static final Map<String, String> SOURCES =
      Map.of(
          WORD_COUNT,
          """
          package com.example.words;

          import io.actorlab.task.Task;
          import io.actorlab.task.TaskContext;

          public final class WordCount implements Task<WordCount.Text, WordCount.Counted> {
            public record Text(String name, String body) {}

            public record Counted(String name, int words, int letters) {}

            @Override
            public Counted run(Text input, TaskContext context) {
              int letters = (int) input.body().chars().filter(Character::isLetter).count();
              int words = input.body().isBlank() ? 0 : input.body().trim().split("\\\\s+").length;
              return new Counted(input.name(), words, letters);
            }
          }
          """,
          "com.example.words.Squares",
          """
          package com.example.words;

          import io.actorlab.task.InputSource;
          import io.actorlab.task.Task;
          import io.actorlab.task.TaskContext;
          import java.util.ArrayList;
          import java.util.List;

          public final class Squares implements Task<Long, String>, InputSource<Long> {
            @Override
            public String run(Long n, TaskContext context) {
              return n + "^2=" + n * n;
            }

            @Override
            public List<Long> inputs(int tasks, long size) {
              List<Long> inputs = new ArrayList<>();
              for (long i = 0; i < tasks; i++) {
                inputs.add(size + i);
              }
              return inputs;
            }
          }
          """,
          "com.example.words.NeedsArgument",
          """
          package com.example.words;

          import io.actorlab.task.Task;
          import io.actorlab.task.TaskContext;

          public final class NeedsArgument implements Task<String, String> {
            private final String prefix;

            public NeedsArgument(String prefix) {
              this.prefix = prefix;
            }

            @Override
            public String run(String input, TaskContext context) {
              return prefix + input;
            }
          }
          """,
          "com.example.words.Opaque",
          """
          package com.example.words;

          import io.actorlab.task.Task;
          import io.actorlab.task.TaskContext;

          public final class Opaque implements Task<String, Object> {
            @Override
            public Object run(String input, TaskContext context) {
              return new Object();
            }
          }
          """,
          "com.example.words.NotATask",
          """
          package com.example.words;

          public final class NotATask {}
          """);

  @TempDir Path dir;

  private Path jar;
  private Path inputs;
  private Path registered;

  @BeforeAll
  void buildTheJar(@TempDir Path shared) throws IOException {
    jar = TaskJar.build(shared, "words.jar", SOURCES);
    inputs =
        write(
            shared.resolve("documents.txt"),
            "# one document per line",
            "{\"name\": \"a\", \"body\": \"the quick brown fox\"}",
            "",
            "{\"name\": \"b\", \"body\": \"jumps over the lazy dog\"}",
            "{\"name\": \"c\", \"body\": \"pack my box with five dozen liquor jugs\"}");
    registered =
        write(
            shared.resolve("words.conf"),
            "actorlab.serialization.register = [",
            "  \"com.example.words.WordCount$Text\"",
            "  \"com.example.words.WordCount$Counted\"",
            "]");
  }

  /** Whatever a test started, no JVM of it may outlive it. */
  @AfterEach
  void noProcessIsLeft() {
    Descendants.assertNoneLeft();
  }

  private static Path write(Path file, String... lines) throws IOException {
    return Files.writeString(file, String.join("\n", lines) + "\n", UTF_8);
  }

  /** {@code command --task WordCount --jar ... --inputs ... --conf words.conf} and more options. */
  private CliTest.Result wordCount(String command, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                command, "--task", WORD_COUNT, "--jar", jar.toString(), "--inputs",
                inputs.toString(), "--conf", registered.toString()));
    args.addAll(Arrays.asList(options));
    return cli(args.toArray(String[]::new));
  }

  @Test
  void theTaskIsOnNoClassPathOfThisJvm() {
    assertThrows(ClassNotFoundException.class, () -> Class.forName(WORD_COUNT));
  }

  @Test
  void everyModeComputesTheSameAnswerFromTheJar() {
    JsonNode sequential = wordCount("run", "--mode", "sequential", "--json").succeeded().json();
    JsonNode threads = wordCount("run", "--mode", "threads", "--json").succeeded().json();
    JsonNode local = wordCount("run", "--mode", "serialize-local", "--json").succeeded().json();
    // Worker JVMs join slowly on a machine shared with other builds: more time than the default 60 s.
    JsonNode processes =
        wordCount("run", "--mode", "processes", "--workers", "2", "-Dactorlab.start-timeout=180s",
            "--json").succeeded().json();

    for (JsonNode run : List.of(sequential, threads, local, processes)) {
      assertEquals(WORD_COUNT, run.get("workload").asText());
      assertEquals(3, run.get("tasks").asInt(), "one task per input line");
      assertEquals(3, run.get("completed").asInt(), run::toString);
      assertEquals(sequential.get("checksum").asLong(), run.get("checksum").asLong(), run::toString);
    }
    assertEquals(2, processes.get("workers").asInt());
    assertTrue(local.at("/boundary/bytes").asLong() > 0, local::toString);
    assertTrue(processes.at("/boundary/bytes").asLong() > 0, processes::toString);
  }

  @Test
  void theChecksumFollowsTheOutputsAndMoreTasksCycleThroughTheInputs() throws IOException {
    Path changed =
        write(
            dir.resolve("changed.txt"),
            "{\"name\": \"a\", \"body\": \"the quick brown fox\"}",
            "{\"name\": \"b\", \"body\": \"jumps over the lazy dogs\"}",
            "{\"name\": \"c\", \"body\": \"pack my box with five dozen liquor jugs\"}");
    long original = wordCount("run", "--mode", "sequential", "--json").succeeded().json()
        .get("checksum").asLong();
    long other = cli("run", "--mode", "sequential", "--task", WORD_COUNT, "--jar", jar.toString(),
        "--inputs", changed.toString(), "--json").succeeded().json().get("checksum").asLong();
    JsonNode seven = wordCount("run", "--mode", "sequential", "--tasks", "7", "--json").succeeded().json();

    assertNotEquals(original, other);
    assertEquals(7, seven.get("completed").asInt());
    assertNotEquals(original, seven.get("checksum").asLong());
  }

  @Test
  void compareRunsTheTaskInItsChildJvmsAndTheChecksumsAgree() throws IOException {
    Path report = dir.resolve("report");
    CliTest.Result result =
        wordCount("compare", "--modes", "sequential,serialize-local", "--workers", "1",
            "--repeat", "1", "--warmup", "0", "--report", report.toString(), "--json").succeeded();

    JsonNode json = JsonReport.parse(result.out());
    assertEquals(WORD_COUNT, json.get("workload").asText());
    JsonNode saved = JsonReport.parse(Files.readString(report.resolve("report.json")));
    List<Long> checksums = new ArrayList<>();
    saved.get("runs").forEach(run -> checksums.add(run.get("checksum").asLong()));
    assertEquals(2, checksums.size(), saved::toString);
    assertEquals(checksums.get(0), checksums.get(1));
  }

  @Test
  void adviseProfilesTheTaskAndRecommends() {
    CliTest.Result result = wordCount("advise", "--modes", "threads", "--sample", "2").succeeded();

    assertContains(result.out(), WORD_COUNT);
    assertContains(result.out(), "recommended: ");
    assertContains(result.out(), "why:");
  }

  @Test
  void aTaskThatIsAnInputSourceMakesItsOwnInputs() {
    JsonNode run =
        cli("run", "--mode", "threads", "--task", "com.example.words.Squares", "--classpath",
            jar.toString(), "--tasks", "5", "--size", "10", "--json").succeeded().json();

    assertEquals(5, run.get("completed").asInt());
    assertEquals(10, run.get("size").asInt());
  }

  @Test
  void anUnregisteredInputIsRefusedAtSubmitNamingTheClassAndTheFix() {
    String err =
        cli("run", "--mode", "serialize-local", "--task", WORD_COUNT, "--jar", jar.toString(),
            "--inputs", inputs.toString()).refused();

    assertContains(err, "com.example.words.WordCount$Text");
    assertContains(err, "actorlab.serialization.register");
    assertNoStackTrace(err);
  }

  @Test
  void aClassNotFoundIsNamedWithWhereItWasLookedFor() {
    String err =
        cli("run", "--task", "com.example.words.Nope", "--jar", jar.toString(), "--inputs",
            inputs.toString()).refused();

    assertContains(err, "task class com.example.words.Nope not found");
    assertContains(err, jar.toString());
    assertNoStackTrace(err);
  }

  @Test
  void classesThatAreNoTaskOrCannotBeCreatedAreRefused() {
    String notATask =
        cli("run", "--task", "com.example.words.NotATask", "--jar", jar.toString(), "--inputs",
            inputs.toString()).refused();
    String needsArgument =
        cli("run", "--task", "com.example.words.NeedsArgument", "--jar", jar.toString(),
            "--inputs", inputs.toString()).refused();

    assertContains(notATask, "com.example.words.NotATask is not a task");
    assertContains(notATask, "io.actorlab.task.Task");
    assertContains(needsArgument, "com.example.words.NeedsArgument has no public no-argument constructor");
  }

  @Test
  void aMissingJarIsNamed() {
    Path missing = dir.resolve("missing.jar");
    String err =
        cli("run", "--task", WORD_COUNT, "--jar", missing.toString(), "--inputs", inputs.toString())
            .refused();

    assertContains(err, "--jar " + missing + ": no such file");
  }

  @Test
  void anUnreadableInputLineIsNamedWithFileAndLine() throws IOException {
    Path bad =
        write(
            dir.resolve("bad.txt"),
            "{\"name\": \"a\", \"body\": \"fine\"}",
            "{\"name\": \"b\", \"bdy\": \"a typo\"}");
    String err =
        cli("run", "--task", WORD_COUNT, "--jar", jar.toString(), "--inputs", bad.toString())
            .refused();

    assertContains(err, bad + ":2: cannot read this line as the task's input type");
    assertContains(err, "bdy");
    assertNoStackTrace(err);
  }

  @Test
  void aTaskWithoutInputsSaysHowToGiveThem() {
    String err = cli("run", "--task", WORD_COUNT, "--jar", jar.toString()).refused();

    assertContains(err, "--inputs FILE");
    assertContains(err, "io.actorlab.task.InputSource");
  }

  @Test
  void anOutputWithoutItsOwnToStringCannotBeChecksummed() {
    String err =
        cli("run", "--mode", "sequential", "--task", "com.example.words.Opaque", "--jar",
            jar.toString(), "--inputs", inputs.toString()).refused();

    assertContains(err, "override toString()");
  }

  @Test
  void optionsThatDoNotGoTogetherAreRefused() {
    String both =
        cli("run", "--workload", "primes", "--task", WORD_COUNT, "--jar", jar.toString()).refused();
    String inputsAlone = cli("run", "--inputs", inputs.toString()).refused();
    String sizeWithInputs =
        cli("run", "--task", WORD_COUNT, "--jar", jar.toString(), "--inputs", inputs.toString(),
            "--size", "5").refused();

    assertContains(both, "--workload and --task exclude each other");
    assertContains(inputsAlone, "--inputs goes with --task");
    assertContains(sizeWithInputs, "--size is not used with --inputs");
  }
}
