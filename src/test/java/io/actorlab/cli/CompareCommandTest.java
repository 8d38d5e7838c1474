package io.actorlab.cli;

import static io.actorlab.cli.CliTest.assertContains;
import static io.actorlab.cli.CliTest.assertNoStackTrace;
import static io.actorlab.cli.CliTest.cli;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.actorlab.compare.ChildJvm;
import io.actorlab.report.ComparisonCsv;
import io.actorlab.report.HeadlessChromium;
import io.actorlab.report.JsonReport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code actorlab compare} end to end, in process through {@link Main#execute}: each mode really runs
 * in a child JVM (this test JVM's java and class path), so the class takes a while; every comparison is
 * tiny (two tasks, one round, one worker) and compares at most two cells.
 */
@ExtendWith(LogCapturingExtension.class)
class CompareCommandTest {

  private static final List<String> TINY = List.of("--tasks", "2", "--size", "1000");

  /** One round, no warm-up: what most tests need. */
  private static final String[] ONE_ROUND = {"--repeat", "1", "--warmup", "0"};

  @TempDir Path dir;

  private static CliTest.Result compare(Path report, String... options) {
    List<String> args = new ArrayList<>(List.of("compare", "--report", report.toString()));
    args.addAll(TINY);
    args.addAll(Arrays.asList(options));
    return cli(args.toArray(String[]::new));
  }

  /** Whatever a test started, no JVM of it may outlive it. */
  @AfterEach
  void noChildIsLeft() {
    List<ProcessHandle> alive =
        ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).collect(Collectors.toList());
    assertEquals(List.of(), alive.stream().map(CompareCommandTest::describe).toList(), "left running");
  }

  /** A process's command line, read from /proc (ProcessHandle.Info may not have it), for messages. */
  private static String commandLine(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  private static String describe(ProcessHandle process) {
    return process.pid() + " " + process.info().commandLine().orElse("?");
  }

  @Test
  void jsonHasEveryRunAndTheReportFilesAgree() throws Exception {
    Path report = dir.resolve("report");
    CliTest.Result result =
        compare(report, "--modes", "sequential,threads", "--workers", "1", "--repeat", "2",
            "--warmup", "1", "--json").succeeded();

    result.json(); // exactly one JSON object on stdout
    JsonNode json = JsonReport.parse(result.out()); // decimals exact, as report.json is read
    assertEquals("", result.err());
    assertEquals("primes", json.get("workload").asText());
    assertEquals(2, json.get("repeat").asInt());
    assertEquals(1, json.get("warmup").asInt());
    assertEquals(
        "each mode in its own JVM, its pool kept warm across runs", json.get("isolation").asText());
    assertEquals(report.toString(), json.get("report_dir").asText());
    assertTrue(json.get("checksums_match").asBoolean());
    assertTrue(json.at("/machine/cores").asInt() > 0);
    assertEquals(List.of("sequential", "threads"), texts(json.get("modes"), "mode"));

    // 2 cells x (1 warm-up + 2 rounds), interleaved, each a full single run.
    JsonNode runs = json.get("runs");
    assertEquals(6, runs.size());
    assertEquals(
        List.of("sequential", "threads", "sequential", "threads", "sequential", "threads"),
        texts(runs, "mode"));
    assertEquals(List.of("1", "1", "2", "2", "3", "3"), texts(runs, "round"));
    assertEquals(List.of("true", "true", "false", "false", "false", "false"), texts(runs, "warmup"));
    long checksum = json.get("reference_checksum").asLong();
    for (JsonNode run : runs) {
      assertEquals(2, run.get("completed").asInt(), run::toString);
      assertEquals(checksum, run.get("checksum").asLong(), run::toString);
      assertEquals(1, run.get("workers").asInt(), run::toString);
    }
    JsonNode threads = json.get("modes").get(1);
    assertEquals(2, threads.get("runs").asInt());
    assertTrue(threads.get("speedup").isNumber());
    assertTrue(threads.get("peak_rss_mb").decimalValue().signum() > 0);

    // report.json is the same comparison (without report_dir), report.csv one row per run.
    JsonNode file = JsonReport.parse(Files.readString(report.resolve("report.json"), UTF_8));
    assertEquals(json.get("runs"), file.get("runs"));
    assertEquals(json.get("modes"), file.get("modes"));
    List<String> lines = Files.readAllLines(report.resolve("report.csv"), UTF_8);
    assertEquals(String.join(",", ComparisonCsv.COLUMNS), lines.get(0));
    assertEquals(7, lines.size());
    for (int i = 0; i < 6; i++) {
      List<String> row = List.of(lines.get(i + 1).split(",", -1));
      JsonNode run = runs.get(i);
      assertEquals(run.get("mode").asText(), row.get(ComparisonCsv.COLUMNS.indexOf("mode")));
      assertEquals(run.get("wall_ms").decimalValue().toPlainString(), row.get(ComparisonCsv.COLUMNS.indexOf("wall_ms")));
      assertEquals(run.get("checksum").asText(), row.get(ComparisonCsv.COLUMNS.indexOf("checksum")));
    }
    assertTrue(Files.size(report.resolve("report.html")) > 100_000, "Chart.js is inlined");
  }

  @Test
  void processesStartTheirWorkerJvmsOncePerCellAndReportTheColdStartOnce() throws Exception {
    Path report = dir.resolve("warm");
    Watched watched = processesWarmupOneRepeatTwo(report);

    assertEquals(1, watched.workerJvms().size(), "one worker JVM served all 3 runs: " + watched);
    JsonNode runs = watched.json().get("runs");
    assertEquals(List.of("started", "reused", "reused"), texts(runs, "pool"));
    assertTrue(runs.get(0).get("startup_ms").decimalValue().signum() > 0, runs.get(0)::toString);
    assertTrue(runs.get(1).get("startup_ms").isNull(), runs.get(1)::toString);
    assertTrue(runs.get(2).get("startup_ms").isNull(), runs.get(2)::toString);
    JsonNode processes = watched.json().get("modes").get(0);
    assertEquals(1, processes.get("pools_started").asInt());
    // The cold start of the one pool (paid in the warm-up), not a median with runs that had none.
    assertEquals(runs.get(0).get("startup_ms"), processes.get("startup_ms"));
    for (JsonNode run : runs) {
      assertEquals(2, run.get("completed").asInt(), run::toString);
    }
    List<String> csv = Files.readAllLines(report.resolve("report.csv"), UTF_8);
    int pool = ComparisonCsv.COLUMNS.indexOf("pool");
    assertEquals("reused", List.of(csv.get(3).split(",", -1)).get(pool));
  }

  @Test
  void withReusePoolOffEveryRunStartsAPoolOfItsOwn() throws Exception {
    Watched watched =
        processesWarmupOneRepeatTwo(dir.resolve("fresh"), "-Dactorlab.compare.reuse-pool=off");
    JsonNode json = watched.json();

    assertEquals(3, watched.workerJvms().size(), "a worker JVM per run: " + watched);
    JsonNode runs = json.get("runs");
    assertEquals(List.of("started", "started", "started"), texts(runs, "pool"));
    runs.forEach(run -> assertTrue(run.get("startup_ms").decimalValue().signum() > 0, run::toString));
    assertEquals(3, json.get("modes").get(0).get("pools_started").asInt());
    assertEquals("each mode in its own JVM, a fresh pool every run", json.get("isolation").asText());
  }

  /** A comparison's JSON, and every worker JVM seen while it ran (pid to command line). */
  private record Watched(JsonNode json, Map<Long, String> workerJvms) {}

  /** Compares processes on 1 worker JVM, one warm-up and two rounds, watching its worker JVMs. */
  private static Watched processesWarmupOneRepeatTwo(Path report, String... more) {
    List<String> options =
        new ArrayList<>(
            List.of("--modes", "processes", "--workers", "1", "--warmup", "1", "--repeat", "2",
                "--json"));
    options.addAll(Arrays.asList(more));
    try (WorkerJvmWatch watch = new WorkerJvmWatch()) {
      String out = compare(report, options.toArray(String[]::new)).succeeded().out();
      return new Watched(JsonReport.parse(out), watch.seen());
    }
  }

  /**
   * Records every worker JVM (a process a mode's JVM started, so not a child of this one) alive while
   * it is open, polling every 50 ms: a worker JVM lives for seconds, so none is missed.
   */
  private static final class WorkerJvmWatch implements AutoCloseable {
    private final Map<Long, String> seen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();

    WorkerJvmWatch() {
      long self = ProcessHandle.current().pid();
      poller.scheduleWithFixedDelay(
          () ->
              ProcessHandle.current()
                  .descendants()
                  .filter(p -> p.parent().map(ProcessHandle::pid).orElse(self) != self)
                  .forEach(p -> seen.computeIfAbsent(p.pid(), CompareCommandTest::commandLine)),
          0,
          50,
          TimeUnit.MILLISECONDS);
    }

    Map<Long, String> seen() {
      return Map.copyOf(seen);
    }

    @Override
    public void close() {
      poller.shutdownNow();
    }
  }

  @Test
  void tableComparesWorkerCountsAndTheReportDrawsTheScalingChart() throws Exception {
    Path report = dir.resolve("table");
    CliTest.Result result = compare(report, with(ONE_ROUND, "--modes", "threads", "--workers", "1,2")).succeeded();

    List<String> lines = result.out().lines().toList();
    assertTrue(lines.get(0).startsWith("primes, 2 tasks, size 1,000: 1 round, modes interleaved"), lines.get(0));
    assertTrue(lines.get(3).startsWith("mode"), lines.get(3));
    assertTrue(lines.get(4).matches("threads\\s+1\\s+.*\\s1\\.00x\\s.*ok"), lines.get(4));
    assertTrue(lines.get(5).matches("threads\\s+2\\s+.*ok"), lines.get(5));
    assertContains(result.out(), "speed-up: median wall of threads x1");
    assertTrue(lines.get(lines.size() - 1).startsWith("reports: " + report.resolve("report.json")));
    assertEquals("", result.err());

    if (HeadlessChromium.find().isPresent()) {
      HeadlessChromium.Page page = HeadlessChromium.require().open(report.resolve("report.html"), dir);
      assertEquals(List.of(), page.console());
      assertContains(page.dom(), "data-charts-rendered=\"4\"");
    }
  }

  @Test
  void aModeThatComputesADifferentAnswerIsFlaggedWithExitThree() throws Exception {
    Path report = dir.resolve("mismatch");
    CliTest.Result result =
        compare(
            report,
            with(ONE_ROUND, "--workload", ThreadNameWorkload.class.getName(), "--modes",
                "sequential,threads", "--workers", "1"));

    assertEquals(Main.CHECKSUM_MISMATCH, result.code(), result::toString);
    assertContains(result.out(), "!! CHECKSUM MISMATCH");
    assertContains(result.out(), "!!   threads x1 computed ");
    assertTrue(result.out().lines().anyMatch(l -> l.matches("threads\\s.*MISMATCH")), result.out());
    assertContains(result.err(), "actorlab: !! CHECKSUM MISMATCH");
    JsonNode file = JsonReport.parse(Files.readString(report.resolve("report.json"), UTF_8));
    assertFalse(file.get("checksums_match").asBoolean());
    assertFalse(file.at("/modes/1/checksum_matches").asBoolean());
  }

  @Test
  void aModeWhoseJvmDiesFailsTheComparisonWithItsExitCode() {
    CliTest.Result result =
        compare(
            dir.resolve("dies"),
            with(ONE_ROUND, "--workload", ExitingWorkload.class.getName(), "--modes", "sequential"));

    assertEquals(Main.TASKS_FAILED, result.code(), result::toString);
    assertContains(result.err(), "the JVM running sequential x1 failed");
    assertContains(result.err(), "exit code " + ExitingWorkload.EXIT_CODE);
  }

  @Test
  void aModeWhoseJvmDiesPartWayKeepsTheRunsMeasuredBeforeInTheReport() throws Exception {
    // sequential, threads | sequential (its JVM's second task ends it) ...
    Path report = dir.resolve("dies-part-way");
    CliTest.Result result =
        compare(
            report,
            "--workload", ExitingWorkload.class.getName(), "--variant", "second-run",
            "--modes", "sequential,threads", "--workers", "1", "--warmup", "0", "--repeat", "2");

    assertEquals(Main.TASKS_FAILED, result.code(), result::toString);
    String stopped = "!! STOPPED EARLY after 2 of 4 runs: the JVM running sequential x1 failed";
    assertContains(result.err(), "actorlab: " + stopped);
    assertContains(result.err(), "exit code " + ExitingWorkload.EXIT_CODE);
    assertContains(result.out(), stopped);
    assertTrue(result.out().lines().anyMatch(l -> l.matches("threads\\s+1\\s.*ok")), result.out());
    JsonNode file = JsonReport.parse(Files.readString(report.resolve("report.json"), UTF_8));
    assertTrue(file.get("stopped_early").asText().startsWith("after 2 of 4 runs: the JVM running"));
    assertEquals(2, file.get("runs").size());
    assertEquals(List.of("sequential", "threads"), texts(file.get("modes"), "mode"));
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(List.of("--modes", "nope"), List.of("unknown mode 'nope'", "threads")),
        Arguments.of(List.of("--modes", "threads", "--workload", "nope"), List.of("unknown workload 'nope'")),
        Arguments.of(List.of("--modes", "threads", "--repeat", "0"), List.of("--repeat")),
        Arguments.of(List.of("--modes", "threads", "--warmup", "-1"), List.of("--warmup")),
        Arguments.of(List.of("--modes", "threads", "--workers", "2,0"), List.of("--workers")),
        Arguments.of(
            List.of("--modes", "threads", "--workload", "counter", "--variant", "nope"), List.of("'nope'")),
        Arguments.of(
            List.of("--modes", "threads", "-Dactorlab.compare.repeat=0"),
            List.of("actorlab.compare.repeat")),
        Arguments.of(
            List.of("--modes", "threads", "-Dactorlab.compare.reuse-pool=maybe"),
            List.of("reuse-pool", "maybe")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void badInputIsRefusedWithExitTwoBeforeAnyJvmStarts(List<String> options, List<String> named) {
    List<String> args = new ArrayList<>(List.of("compare"));
    args.addAll(options);
    String err = cli(args.toArray(String[]::new)).refused();

    named.forEach(expected -> assertContains(err, expected));
    assertNoStackTrace(err);
  }

  @Test
  void helpExplainsWarmupInterleavingAndExitCodes() {
    String help = cli("compare", "--help").succeeded().out().replaceAll("\\s+", " ");

    assertContains(help, "warm-up");
    assertContains(help, "interleaved");
    assertContains(help, "3 a mode computed a different checksum");
    assertContains(help, "--workers");
  }

  /**
   * Ctrl-C (SIGINT) or SIGTERM during a comparison: the compare JVM's shutdown hook ends the mode's JVM
   * too. Run as a real process, since the signal ends the JVM that gets it.
   */
  @Test
  void stoppingCompareStopsItsChildren() throws Exception {
    stopCompareWhileItRuns("threads", 1);
  }

  /** The worker JVMs of a pool kept warm across runs are the mode's JVM's children: they stop too. */
  @Test
  void stoppingCompareStopsTheWorkerJvmsOfAWarmPool() throws Exception {
    stopCompareWhileItRuns("processes", 2);
  }

  /**
   * Starts a long comparison of {@code mode}, waits until it has processes {@code depth} levels down
   * (1: the mode's JVM; 2: its worker JVMs too), stops it with SIGTERM and checks none is left, nor
   * the temporary log of a mode's JVM.
   */
  private void stopCompareWhileItRuns(String mode, int depth) throws Exception {
    List<String> command = new ArrayList<>(ChildJvm.javaCommand(Main.class.getName()));
    // A temporary folder of its own, to see what it leaves there.
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    command.add(command.indexOf("-cp"), "-Djava.io.tmpdir=" + tmp);
    command.addAll(
        List.of("compare", "--modes", mode, "--workers", "1", "--tasks", "4", "--size", "200000",
            "--repeat", "1000", "--warmup", "0", "--quiet", "--report", dir.resolve("stopped").toString()));
    Process compare =
        new ProcessBuilder(command)
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    try {
      List<ProcessHandle> children = waitForDescendants(compare, depth, Duration.ofSeconds(120));
      assertFalse(children.isEmpty(), "compare started no process " + depth + " levels down");

      compare.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C

      assertTrue(compare.waitFor(30, TimeUnit.SECONDS), "compare did not stop");
      for (ProcessHandle child : children) {
        child.onExit().get(15, TimeUnit.SECONDS);
        assertFalse(child.isAlive(), () -> "left running: " + describe(child));
      }
      try (Stream<Path> left = Files.list(tmp)) {
        List<Path> logs =
            left.filter(file -> file.getFileName().toString().startsWith("actorlab-compare-"))
                .toList();
        assertEquals(List.of(), logs, "the logs of the mode's JVMs are removed");
      }
    } finally {
      compare.descendants().forEach(ProcessHandle::destroyForcibly);
      compare.destroyForcibly();
    }
  }

  /** Every descendant of {@code process}, once one is {@code depth} levels below it; else none. */
  private static List<ProcessHandle> waitForDescendants(Process process, int depth, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      List<ProcessHandle> below = process.children().collect(Collectors.toList());
      for (int level = 1; level < depth; level++) {
        below = below.stream().flatMap(ProcessHandle::children).collect(Collectors.toList());
      }
      if (!below.isEmpty()) {
        Thread.sleep(1000); // let it get into a run
        return process.descendants().collect(Collectors.toList());
      }
      Thread.sleep(100);
    }
    return List.of();
  }

  private static String[] with(String[] first, String... more) {
    return Stream.concat(Arrays.stream(first), Arrays.stream(more)).toArray(String[]::new);
  }

  private static List<String> texts(JsonNode array, String key) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(node.get(key).asText()));
    return values;
  }
}
