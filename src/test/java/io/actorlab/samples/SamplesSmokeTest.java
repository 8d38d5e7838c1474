package io.actorlab.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.actorlab.cluster.Descendants;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs every sample's main on small sizes and checks that it prints what its README promises, so no
 * sample can rot. The samples compile with the build (the compile-samples execution in pom.xml) into
 * target/samples-classes, which Surefire puts on this test's classpath.
 */
class SamplesSmokeTest {

  private static final Path SAMPLES = Path.of("samples");

  /** The main class of every sample that has code. A new sample adds a line here and a test below. */
  private static final Map<String, String> MAINS =
      Map.of(
          "01-dispatchers-tour", "io.actorlab.samples.dispatcherstour.DispatchersTour",
          "02-cpu-bound", "io.actorlab.samples.cpubound.CpuBound",
          "03-io-bound", "io.actorlab.samples.iobound.IoBound",
          "04-shared-state", "io.actorlab.samples.sharedstate.SharedState",
          "05-boundary-cost", "io.actorlab.samples.boundarycost.BoundaryCost",
          "06-cluster", "io.actorlab.samples.cluster.ClusterOnLocalhost",
          "07-fault-isolation", "io.actorlab.samples.faultisolation.FaultIsolation",
          "08-hybrid", "io.actorlab.samples.hybrid.HybridPipeline",
          "09-your-own-task", "io.actorlab.samples.yourowntask.YourOwnTask");

  private static final boolean VIRTUAL_THREADS = Runtime.version().feature() >= 21;

  /** Samples that run processes modes start worker JVMs (06 and 07 more): none may outlive a test. */
  @AfterEach
  void noProcessLeft() {
    Descendants.assertNoneLeft();
  }

  @Test
  void everySampleIsBuiltSmokeTestedAndDocumented() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    List<String> folders;
    try (Stream<Path> listing = Files.list(SAMPLES)) {
      folders =
          listing
              .filter(Files::isDirectory)
              .map(path -> path.getFileName().toString())
              .filter(name -> name.matches("\\d\\d-.+"))
              .sorted()
              .toList();
    }
    assertTrue(folders.containsAll(MAINS.keySet()), "missing sample folders: " + MAINS.keySet());
    for (String folder : folders) {
      Path readme = SAMPLES.resolve(folder).resolve("README.md");
      assertTrue(Files.isRegularFile(readme), folder + " has no README.md");
      String text = Files.readString(readme);
      boolean hasCode = Files.isDirectory(SAMPLES.resolve(folder).resolve("src/main/java"));
      if (!hasCode) {
        assertTrue(text.contains("needs the processes mode"), folder + "'s README says what it waits for");
        continue;
      }
      assertTrue(MAINS.containsKey(folder), folder + " has code but no smoke test");
      assertTrue(
          pom.contains("samples/" + folder + "/src/main/java"), folder + " is not compiled by pom.xml");
      assertTrue(
          text.contains("samples/run " + folder.substring(0, 2)), folder + "'s README has no command");
      for (String section : List.of("## Run it", "## What you should see", "## Turn the knob")) {
        assertTrue(text.contains(section), folder + "'s README has no '" + section + "'");
      }
    }
  }

  @Test
  void dispatchersTourCountsThreadsPerDispatcher() throws Exception {
    String out = run("01-dispatchers-tour", "actors=3", "messages=2", "hold-ms=20", "workers=2");
    assertEquals(List.of("1", "1"), threadsAndAtOnce(out, "sequential"));
    assertEquals(List.of("3", "3"), threadsAndAtOnce(out, "pinned"), "pinned: a thread per actor");
    assertEquals("2", threadsAndAtOnce(out, "thread-pool").get(1), "a fixed pool of 2 threads");
    assertEquals("2", threadsAndAtOnce(out, "threads").get(1), "a fork-join pool of parallelism 2");
    if (VIRTUAL_THREADS) {
      assertEquals("3", threadsAndAtOnce(out, "virtual").get(1), "every sleeping actor at once");
    } else {
      assertTrue(line(out, "virtual").contains("skipped: needs Java 21+"), out);
    }
  }

  @Test
  void cpuBoundRunsEveryModeWithEqualChecksumsAndSkipsMissingOnes() throws Exception {
    String out =
        run(
            "02-cpu-bound",
            "modes=sequential,gil,threads,processes",
            "sizes=1000,20000",
            "tasks=4",
            "repeat=1");
    boolean processes = Files.exists(Path.of("conf/modes/processes.conf"));
    assertEquals(!processes, out.contains("processes: skipped, there is no conf/modes/processes.conf"), out);
    // 168 primes below 1000 and 2262 below 20000, four tasks each; the sample throws if modes disagree.
    List<String> rows = lines(out, "^(\\d+)? +(sequential|gil|threads|processes) +\\d.*");
    assertEquals(processes ? 8 : 6, rows.size(), out);
    for (String row : rows) {
      String checksum = last(row);
      assertTrue(checksum.equals("672") || checksum.equals("9048"), row);
    }
    assertTrue(out.contains("crossover"), out);
  }

  @Test
  void ioBoundOverlapsWaitsUpToTheWorkerCount() throws Exception {
    String out =
        run(
            "03-io-bound",
            "tasks=6",
            "wait-ms=20",
            "workers=2,6",
            "fan-out-tasks=200",
            "fan-out-wait-ms=50",
            "fan-out-workers=200",
            "process-workers=2");
    List<String> rows = lines(out, "^(sleep|http) .*");
    // In-JVM modes with 2 and 6 workers, for each workload; processes with 2 worker JVMs only.
    assertEquals(((VIRTUAL_THREADS ? 3 : 2) * 2 + 1) * 2, rows.size(), out);
    assertEquals(2, lines(out, "^(sleep|http) +processes +2 .*").size(), out);
    for (String row : rows) {
      String[] cells = row.trim().split("\\s+");
      // workload mode workers start ms wall ms ideal ms checksum
      double wall = Double.parseDouble(cells[5]);
      double ideal = Double.parseDouble(cells[7]);
      assertTrue(wall >= ideal * 0.95, "no run can wait less than ceil(tasks / workers) waits: " + row);
    }
    for (String workload : List.of("sleep", "http")) {
      long checksums =
          rows.stream().filter(r -> r.startsWith(workload)).map(SamplesSmokeTest::last).distinct().count();
      assertEquals(1, checksums, workload + ": every mode computes the same checksum");
    }
    String[] fanOut = line(out, "thread-pool  ").trim().split("\\s+");
    assertTrue(
        Integer.parseInt(fanOut[9]) >= 200, "a platform thread per worker: " + Arrays.toString(fanOut));
    if (!VIRTUAL_THREADS) {
      assertTrue(out.contains("virtual: skipped, it needs Java 21+"), out);
    }
  }

  @Test
  void sharedStateReportsLostUpdatesTruthfully() throws Exception {
    String out = run("04-shared-state", "tasks=2", "increments=5000", "actor-increments=5000");
    List<String> rows = lines(out, "^(sequential|gil|threads|serialize-local|processes) .*");
    assertEquals(20, rows.size(), out);
    for (String row : rows) {
      String[] cells = row.trim().split("\\s+");
      long expected = Long.parseLong(cells[2]);
      long actual = Long.parseLong(cells[3]);
      long lost = Long.parseLong(cells[4]);
      assertEquals(10_000, expected, row);
      assertEquals(expected - actual, lost, row);
      if (cells[0].equals("processes") && !cells[1].equals("actor")) {
        assertEquals(0, actual, "a JVM-wide counter counts in the worker JVMs, not here: " + row);
      } else if (!cells[1].equals("unsynchronized")) {
        assertEquals(0, lost, "a synchronized counter lost updates: " + row);
      }
    }
  }

  @Test
  void boundaryCostShowsKryoSmallerThanJavaAndTheMappedHandOff() throws Exception {
    String out =
        run(
            "05-boundary-cost",
            "sizes=100,10000",
            "budget-mb=1",
            "repeat=1",
            "time-ms=20",
            "big-ints=100000");
    List<String> sizes = lines(out, "^ +(100 B|10.0 KB) .*");
    assertEquals(2, sizes.size(), out);
    for (String size : sizes) {
      // size, tasks, then threads, serialize-local and processes, each a time per task
      assertTrue(size.matches(" +\\S+ \\S+ +\\d+( +[\\d.]+ [mu]?s/task){3} .*"), size);
    }
    List<String> kryo = lines(out, ".*kryo \\(actorlab\\).*");
    List<String> java = lines(out, ".*java serialization.*");
    assertEquals(2, kryo.size(), out);
    for (int i = 0; i < 2; i++) {
      long kryoBytes = Long.parseLong(kryo.get(i).replaceAll(".*kryo \\(actorlab\\) +(\\d+) .*", "$1"));
      long javaBytes = Long.parseLong(java.get(i).replaceAll(".*java serialization +(\\d+) .*", "$1"));
      assertTrue(kryoBytes < javaBytes, "Kryo " + kryoBytes + " B, Java " + javaBytes + " B");
    }
    assertTrue(line(out, "serialize-local  memory-mapped").matches(".* \\d+ B .*"), "only a name crossed");
    assertTrue(
        line(out, "serialize-local  copied").matches(".* \\d+\\.\\d (KB|MB) .*"), "the array crossed");
  }

  @Test
  void yourOwnTaskAgreesInEveryModeAndExplainsTheMistakes() throws Exception {
    String out = run("09-your-own-task", "documents=6", "words=100");
    List<String> rows = lines(out, "^(sequential|threads|serialize-local|processes) +\\d.*");
    assertTrue(rows.size() >= 3, out);
    assertEquals(1, rows.stream().map(r -> r.trim().split("\\s+")[4]).distinct().count(), out);
    assertTrue(
        out.contains(
            "add \"io.actorlab.samples.yourowntask.WordStats$Document\" to"
                + " actorlab.serialization.register"),
        out);
    assertTrue(out.contains("a lambda or method reference cannot be a task"), out);
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void clusterCarriesOnAfterAStopAndAKill() throws Exception {
    String out = run("06-cluster", "tasks=6", "size=20000");
    for (String node : List.of("node-1", "node-2", "node-3")) {
      assertTrue(out.matches("(?s).*\\] MemberUp +" + node + " .*"), node + " came up:\n" + out);
    }
    // The graceful stop: node-2 leaves and is removed; the kill: node-3 becomes unreachable first.
    assertTrue(out.matches("(?s).*stopping node-2 gracefully.*MemberRemoved +node-2 .*"), out);
    assertTrue(
        out.matches("(?s).*killing node-3.*UnreachableMember +node-3 .*MemberRemoved +node-3 .*"), out);
    assertTrue(out.contains("node-3 (pid "), out);
    assertTrue(out.contains("all 6 results in"), out);
    assertTrue(out.contains("checksum 13572 = 6 x primes below 20000: no task lost"), out);
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void faultIsolationLosesTheThreadsJvmButOnlyThePoisonedTaskInProcesses() throws Exception {
    String out =
        run(
            "07-fault-isolation",
            "tasks=6",
            "size=20000",
            "poison=oom",
            "poison-at=2",
            "max-deliveries=2");
    // mode tasks results lost failed JVMs wall s  what happened
    String[] threads = line(out, "threads ").trim().split("\\s+");
    assertEquals("6", threads[1], out);
    assertTrue(Integer.parseInt(threads[3]) >= 1, "the poison took results down with the JVM: " + out);
    assertEquals(6, Integer.parseInt(threads[2]) + Integer.parseInt(threads[3]), out);
    assertTrue(line(out, "threads ").contains("the JVM died with exit code 3"), out);
    String[] processes = line(out, "processes ").trim().split("\\s+");
    assertEquals(List.of("6", "5", "0", "1"), List.of(processes).subList(1, 5), out);
    assertTrue(Integer.parseInt(processes[5]) >= 3, "at least one replacement JVM: " + out);
    assertTrue(line(out, "processes ").contains("task 2 FAILED (io.actorlab.WorkerLost)"), out);
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void hybridPipelineComputesTheSameInEveryPlan() throws Exception {
    String out = run("08-hybrid", "tasks=6", "size=20000", "repeat=1", "fetch-workers=4");
    List<String> rows = lines(out, "^(all threads|all processes|threads fetch, processes compute) .*");
    assertEquals(3, rows.size(), out);
    assertEquals(1, rows.stream().map(SamplesSmokeTest::last).distinct().count(), out);
    assertTrue(line(out, "all processes").contains("(the same pool)"), out);
  }

  // ---------------------------------------------------------------------------------------------

  /** Runs a sample's main in this JVM and returns what it printed. */
  private static String run(String sample, String... args) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      Class.forName(MAINS.get(sample)).getMethod("main", String[].class).invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      System.setOut(original);
      fail(sample + " failed; it printed:\n" + buffer.toString(StandardCharsets.UTF_8), e.getCause());
    } finally {
      System.setOut(original);
    }
    String out = buffer.toString(StandardCharsets.UTF_8);
    System.out.println(out); // into the test's report file
    return out;
  }

  private static List<String> lines(String out, String regex) {
    return out.lines().filter(line -> line.matches(regex)).collect(Collectors.toList());
  }

  private static String line(String out, String prefix) {
    return out.lines()
        .filter(line -> line.startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + out));
  }

  private static String last(String row) {
    String[] cells = row.trim().split("\\s+");
    return cells[cells.length - 1];
  }

  /** The threads and at-once columns of a mode's row in the tour. */
  private static List<String> threadsAndAtOnce(String out, String mode) {
    String[] cells = line(out, mode + " ").trim().split("\\s+");
    // mode dispatcher... wall ms threads at-once names: find "ms", the two cells after it
    List<String> list = new ArrayList<>(Arrays.asList(cells));
    int ms = list.indexOf("ms");
    assertFalse(ms < 0, "no wall column in " + Arrays.toString(cells));
    return List.of(list.get(ms + 1), list.get(ms + 2));
  }
}
