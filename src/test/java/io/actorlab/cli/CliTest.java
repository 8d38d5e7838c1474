package io.actorlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The command line, in process, through {@link Main#execute}: exit codes, what lands on stdout and on
 * stderr, and that runs of different modes compute the same answer.
 *
 * <p>Every run is tiny (two tasks, one worker) and starts at most one actor system, so the class
 * takes seconds. Tests resolve {@code conf/} against the project root (surefire's working directory);
 * the ones that edit configuration work on a copy in a temporary folder.
 */
@ExtendWith(LogCapturingExtension.class)
class CliTest {

  /** Small enough that each run is over in well under the progress bar's delay. */
  private static final List<String> TINY =
      List.of("--tasks", "2", "--size", "1000", "--workers", "1");

  private static final Path CONF = Paths.get("conf");

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  /** What one command line did. */
  record Result(int code, String out, String err) {

    /** The single JSON object the run printed; fails if stdout holds anything else. */
    JsonNode json() {
      String line = out.strip();
      assertFalse(line.contains("\n"), () -> "more than one line on stdout:\n" + out);
      try {
        JsonNode node = JSON.readTree(line);
        assertTrue(node.isObject(), () -> "not a JSON object: " + line);
        return node;
      } catch (IOException e) {
        throw new AssertionError("stdout is not one JSON object:\n" + out, e);
      }
    }

    /** Stdout of a command that should have succeeded, with stderr shown when it did not. */
    Result succeeded() {
      assertEquals(0, code, () -> "exit code; stderr:\n" + err + "\nstdout:\n" + out);
      return this;
    }

    /** Stderr of a command that should have been refused as bad input. */
    String refused() {
      assertEquals(Main.USAGE, code, () -> "exit code; stderr:\n" + err + "\nstdout:\n" + out);
      return err;
    }
  }

  static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try (PrintWriter outWriter = new PrintWriter(out);
        PrintWriter errWriter = new PrintWriter(err)) {
      int code = Main.execute(args, outWriter, errWriter);
      outWriter.flush();
      errWriter.flush();
      return new Result(code, out.toString(), err.toString());
    }
  }

  /** {@code run} with these options and the {@link #TINY} sizes. */
  static Result tinyRun(String... options) {
    List<String> args = new ArrayList<>(List.of("run"));
    args.addAll(Arrays.asList(options));
    args.addAll(TINY);
    return cli(args.toArray(String[]::new));
  }

  static void assertContains(String text, String expected) {
    assertTrue(text.contains(expected), () -> "expected '" + expected + "' in:\n" + text);
  }

  static void assertNoStackTrace(String err) {
    assertFalse(err.contains("\tat "), () -> "a stack trace for a user error:\n" + err);
  }

  /** A copy of {@code conf/} to edit, so a test can add or break mode files. */
  static Path copyOfConf(Path target) throws IOException {
    try (Stream<Path> files = Files.walk(CONF)) {
      for (Path source : files.collect(Collectors.toList())) {
        Path copy = target.resolve(CONF.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(source, copy);
        }
      }
    }
    return target;
  }

  // One instance, so that one threads run serves every test that compares against it.
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Run {

    private Result threadsPrimes;

    /** {@code run --mode threads --workload primes --json}, run once for the tests that need it. */
    private JsonNode threadsPrimes() {
      if (threadsPrimes == null) {
        threadsPrimes = tinyRun("--mode", "threads", "--workload", "primes", "--json").succeeded();
      }
      return threadsPrimes.json();
    }

    @Test
    void jsonHasEveryFigureAndEchoesTheOptions() {
      JsonNode report = threadsPrimes();

      for (String key :
          List.of(
              "mode", "workload", "tasks", "workers", "completed", "failed", "checksum", "wall_ms",
              "cpu_ms", "startup_ms", "peak_rss_mb", "latency_ms", "boundary")) {
        assertTrue(report.has(key), () -> "no '" + key + "' in " + report);
      }
      for (String key : List.of("p50", "p99")) {
        assertTrue(report.get("latency_ms").get(key).isNumber(), () -> "latency_ms." + key);
      }
      for (String key : List.of("messages", "bytes", "serialize_ns", "deserialize_ns")) {
        assertTrue(report.get("boundary").get(key).isNumber(), () -> "boundary." + key);
      }
      assertEquals("threads", report.get("mode").asText());
      assertEquals("primes", report.get("workload").asText());
      assertEquals(2, report.get("tasks").asInt());
      assertEquals(1, report.get("workers").asInt());
      assertEquals(2, report.get("completed").asInt());
      assertEquals(0, report.get("failed").asInt());
    }

    @Test
    void jsonRunPrintsNothingOnStderr() {
      threadsPrimes();
      assertEquals("", threadsPrimes.err());
    }

    @Test
    void threadsComputeWhatTheSequentialBaselineComputes() {
      JsonNode sequential =
          tinyRun("--mode", "sequential", "--workload", "primes", "--json").succeeded().json();

      assertEquals("sequential", sequential.get("mode").asText());
      assertEquals(sequential.get("checksum").asLong(), threadsPrimes().get("checksum").asLong());
    }

    @Test
    void theGilChangesWhoWaitsNotTheAnswer() {
      JsonNode gil = tinyRun("--mode", "gil", "--workload", "primes", "--json").succeeded().json();

      assertEquals("gil", gil.get("mode").asText());
      assertEquals(threadsPrimes().get("checksum").asLong(), gil.get("checksum").asLong());
    }

    @Test
    void tableNamesModeAndWorkloadAndEndsWithTheChecksum() {
      Result table = tinyRun("--mode", "threads", "--workload", "primes").succeeded();

      List<String> lines = table.out().strip().lines().collect(Collectors.toList());
      assertTrue(lines.get(0).matches("mode\\s+threads, 1 worker"), lines.get(0));
      assertTrue(lines.get(1).matches("workload\\s+primes, 2 tasks, size 1,000"), lines.get(1));
      String checksum = threadsPrimes().get("checksum").asText();
      assertTrue(
          lines.get(lines.size() - 1).matches("checksum\\s+" + Pattern.quote(checksum)),
          () -> "last line should be checksum " + checksum + ":\n" + table.out());
      // Not a TTY and a short run: no progress bar, no log lines, nothing at all on stderr.
      assertEquals("", table.err());
    }

    @Test
    void onlySerializingModesMoveBytesAcrossTheBoundary() {
      JsonNode serialized =
          tinyRun("--mode", "serialize-local", "--workload", "payload", "--json").succeeded().json();
      JsonNode shared =
          tinyRun("--mode", "threads", "--workload", "payload", "--json").succeeded().json();

      assertTrue(serialized.get("boundary").get("messages").asLong() > 0, serialized::toString);
      assertTrue(serialized.get("boundary").get("bytes").asLong() > 0, serialized::toString);
      assertEquals(0, shared.get("boundary").get("messages").asLong(), shared::toString);
      assertEquals(0, shared.get("boundary").get("bytes").asLong(), shared::toString);
      // A copy through Kryo must not change the data.
      assertEquals(shared.get("checksum").asLong(), serialized.get("checksum").asLong());
    }

    @Test
    @EnabledForJreRange(max = JRE.JAVA_20)
    void virtualModeExplainsThatItNeedsJava21() {
      String err = tinyRun("--mode", "virtual", "--workload", "primes").refused();

      assertContains(err, "needs Java 21");
      assertNoStackTrace(err);
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void virtualModeRunsOnJava21() {
      JsonNode report =
          tinyRun("--mode", "virtual", "--workload", "primes", "--json").succeeded().json();

      assertEquals("virtual", report.get("mode").asText());
      assertEquals(threadsPrimes().get("checksum").asLong(), report.get("checksum").asLong());
    }
  }

  @Nested
  class BadInput {

    static Stream<Arguments> refusedRuns() {
      return Stream.of(
          Arguments.of(List.of("run", "--mode", "nope"), List.of("'nope'", "threads", "sequential")),
          Arguments.of(
              List.of("run", "--workload", "nope"),
              List.of(
                  "'nope'", "counter", "http", "hybrid", "payload", "primes", "sleep", "sum-loop")),
          Arguments.of(List.of("run", "--tasks", "0"), List.of("--tasks")),
          Arguments.of(List.of("run", "--size", "-5"), List.of("--size", "-5")),
          Arguments.of(List.of("run", "--workers", "0"), List.of("--workers")),
          Arguments.of(
              List.of("run", "--workload", "counter", "--variant", "nope", "--tasks", "2"),
              List.of("'nope'", "actor", "atomic", "lock", "unsynchronized")),
          Arguments.of(
              List.of("run", "-Dactorlab.workers=-1", "--tasks", "2"),
              List.of("actorlab.workers", "-1")),
          Arguments.of(
              List.of("run", "-Dactorlab.workers=abc", "--tasks", "2"),
              List.of("-D setting", "actorlab.workers", "NUMBER")),
          Arguments.of(
              List.of("run", "-Dactorlab.mode.dispatcher-path=nope", "--tasks", "2"),
              List.of("actorlab.mode.dispatcher-path", "'nope'")),
          Arguments.of(List.of("bogus"), List.of("'bogus'")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedRuns")
    void isRefusedWithExitTwoAndOneClearMessage(List<String> args, List<String> named) {
      String err = cli(args.toArray(String[]::new)).refused();

      named.forEach(expected -> assertContains(err, expected));
      assertNoStackTrace(err);
    }

    @Test
    void verboseAddsTheStackTrace() {
      Logger root = (Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      Level before = root.getLevel();
      try {
        String err = cli("run", "--mode", "nope", "-v").refused();

        assertContains(err, "unknown mode 'nope'");
        assertContains(err, "\tat ");
      } finally {
        root.setLevel(before); // -v raises the level for the whole JVM; keep it to this test
      }
    }

    @Test
    void aListGivenWithDashDIsReadAsHoconAndChecked() {
      String err =
          tinyRun("-D", "actorlab.serialization.register=[\"com.example.NotThere\"]").refused();

      assertContains(err, "com.example.NotThere");
      assertContains(err, "actorlab.serialization.register");
      assertNoStackTrace(err);
    }

    @Test
    void malformedConfFileIsReportedWithItsNameAndLine(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("broken.conf");
      Files.writeString(file, "actorlab {\n  workers = 1\n  stop-timeout = = 5s\n}\n");

      String err = tinyRun("--conf", file.toString()).refused();

      assertContains(err, "broken.conf: 3");
      assertNoStackTrace(err);
    }

    @Test
    void missingConfFileIsNamed(@TempDir Path dir) {
      Path file = dir.resolve("not-there.conf");

      String err = tinyRun("--conf", file.toString()).refused();

      assertContains(err, "not-there.conf");
      assertNoStackTrace(err);
    }
  }

  @Nested
  class ConfDir {

    @TempDir Path dir;

    @Test
    void aModeFileWithABadRunnerIsRefusedNamingTheKey() throws IOException {
      Path conf = copyOfConf(dir);
      Files.writeString(
          conf.resolve("modes/threads.conf"),
          "include required(\"../actorlab.conf\")\nactorlab.mode.runner = bogus\n");

      String err = tinyRun("--conf-dir", conf.toString(), "--mode", "threads").refused();

      assertContains(err, "actorlab.mode.runner");
      assertContains(err, "bogus");
      assertNoStackTrace(err);
    }

    @Test
    void aNewModeFileIsListedAndRuns() throws IOException {
      Path conf = copyOfConf(dir);
      String description = "worker actors on a fixed pool, a mode only this test has";
      Files.writeString(
          conf.resolve("modes/my-mode.conf"),
          String.join(
              "\n",
              "include required(\"../actorlab.conf\")",
              "actorlab.mode {",
              "  description = \"" + description + "\"",
              "  dispatcher-path = \"actorlab.dispatchers.thread-pool\"",
              "  blocking-dispatcher-path = \"actorlab.dispatchers.thread-pool\"",
              "}",
              ""));

      String listed = cli("modes", "--conf-dir", conf.toString()).succeeded().out();
      Pattern line = Pattern.compile("(?m)^my-mode\\s+" + Pattern.quote(description) + "$");
      assertTrue(line.matcher(listed).find(), () -> "my-mode not listed:\n" + listed);
      assertFalse(cli("modes").succeeded().out().contains("my-mode"), "conf/ itself has no my-mode");

      JsonNode report =
          tinyRun("--conf-dir", conf.toString(), "--mode", "my-mode", "--json").succeeded().json();
      assertEquals("my-mode", report.get("mode").asText());
      assertEquals(2, report.get("completed").asInt());
    }
  }

  @Nested
  class Listings {

    @Test
    void modesListsEveryModeFileWithItsDescription() throws IOException {
      Result modes = cli("modes").succeeded();

      List<String> lines = modes.out().strip().lines().collect(Collectors.toList());
      List<Path> files;
      try (Stream<Path> listed = Files.list(CONF.resolve("modes"))) {
        files =
            listed
                .filter(file -> file.toString().endsWith(".conf"))
                .sorted()
                .collect(Collectors.toList());
      }
      assertEquals(files.size(), lines.size(), modes::out);
      for (Path file : files) {
        String name = file.getFileName().toString().replaceFirst("\\.conf$", "");
        String description =
            ConfigFactory.parseFile(file.toFile()).getString("actorlab.mode.description");
        String expected = Pattern.quote(name) + "\\s+" + Pattern.quote(description);
        assertTrue(
            lines.stream().anyMatch(line -> line.matches(expected)),
            () -> name + " with '" + description + "' not listed:\n" + modes.out());
      }
    }

    @Test
    void workloadsListsTheSevenBuiltIns() {
      String out = cli("workloads").succeeded().out();

      // Names start a line; what --size and --variant mean is indented under each.
      List<String> names =
          out.lines()
              .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
              .map(line -> line.split("\\s+", 2)[0])
              .collect(Collectors.toList());
      assertEquals(
          List.of("counter", "http", "hybrid", "payload", "primes", "sleep", "sum-loop"), names);
    }

    static Stream<String> subcommands() {
      return new CommandLine(new Main()).getSubcommands().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void everySubcommandHasHelp(String subcommand) {
      Result help = cli(subcommand, "--help").succeeded();

      assertTrue(
          help.out().contains("Usage: actorlab " + subcommand),
          () -> "no usage for " + subcommand + ":\n" + help.out());
    }

    @Test
    void topLevelHelpListsTheSubcommands() {
      String out = cli("--help").succeeded().out();

      assertTrue(out.startsWith("Usage: actorlab"), out);
      subcommands().forEach(subcommand -> assertContains(out, subcommand));
    }

    static Stream<List<String>> versionRequests() {
      Stream<List<String>> top = Stream.of(List.of("--version"), List.of("-V"));
      Stream<List<String>> nested =
          new CommandLine(new Main())
              .getSubcommands().entrySet().stream()
                  .filter(entry -> entry.getValue().getCommandSpec().findOption("--version") != null)
                  .map(Map.Entry::getKey)
                  .map(subcommand -> List.of(subcommand, "--version"));
      return Stream.concat(top, nested);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versionRequests")
    void versionNamesActorlabAndTheJava(List<String> args) {
      String out = cli(args.toArray(String[]::new)).succeeded().out();

      assertTrue(out.startsWith("actorlab "), () -> "no version for " + args + ": '" + out + "'");
      assertContains(out, "Java " + Runtime.version());
    }
  }
}
