package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.actorlab.api.ActorLab;
import io.actorlab.api.RunListener;
import io.actorlab.api.WorkloadRun;
import io.actorlab.measure.RunReport;
import io.actorlab.workload.WorkloadSpec;
import io.actorlab.workload.Workloads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same nodes across separate hosts: three network namespaces, each with its own 10.x address and
 * none on 127.0.0.1, joined by veth pairs to a bridge in a fourth. A worker node runs in two of them
 * and a processes run in the third attaches to them; one worker host is then cut off in the middle of
 * the run. The cut-off node is downed (the Split Brain Resolver on its side downs it, and it exits),
 * and its task goes to the other node: every result arrives once, with the sequential checksum.
 *
 * <p>Needs root and {@code ip netns}; skipped, saying why, without them. Namespace names carry this
 * JVM's pid so that runs at the same time never meet; teardown kills the JVMs and deletes the
 * namespaces whether the test passed or not.
 */
class MultiHostTest {

  private static final String SUBNET = "10.77.0.";
  private static final int PORT = 25520;

  @TempDir Path temp;

  private final String prefix = "al" + ProcessHandle.current().pid();
  private final String hub = prefix + "hub";
  private final List<String> namespaces = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void networkOfThreeHosts() throws Exception {
    Result uid = run(List.of("id", "-u"));
    assumeTrue(
        uid.output().trim().equals("0"),
        "skipped: network namespaces need root (uid " + uid.output().trim() + ")");
    Result probe = run(List.of("ip", "netns", "add", hub));
    assumeTrue(
        probe.code() == 0,
        "skipped: `ip netns add` failed here, so no separate hosts can be made: " + probe.output());
    namespaces.add(hub);
    ip("-n", hub, "link", "add", "br0", "type", "bridge");
    ip("-n", hub, "link", "set", "br0", "up");
    for (String host : List.of("a", "b", "c")) {
      String namespace = namespace(host);
      ip("netns", "add", namespace);
      namespaces.add(namespace);
      ip("-n", hub, "link", "add", "v" + host, "type", "veth", "peer", "name", "eth0", "netns", namespace);
      ip("-n", hub, "link", "set", "v" + host, "master", "br0");
      ip("-n", hub, "link", "set", "v" + host, "up");
      ip("-n", namespace, "addr", "add", address(host) + "/24", "dev", "eth0");
      ip("-n", namespace, "link", "set", "eth0", "up");
      ip("-n", namespace, "link", "set", "lo", "up");
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    for (Process process : processes) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    List<String> failed = new ArrayList<>();
    for (String namespace : namespaces) {
      Result deleted = run(List.of("ip", "netns", "del", namespace));
      if (deleted.code() != 0) {
        failed.add(namespace + ": " + deleted.output());
      }
    }
    Descendants.assertNoneLeft();
    assertTrue(failed.isEmpty(), () -> "namespaces not deleted: " + failed);
  }

  @Test
  void aHostCutOffMidRunIsDownedAndItsTaskRedelivered() throws Exception {
    WorkloadSpec spec = new WorkloadSpec(60, 150, null);
    CompletableFuture<RunReport> sequential = // meanwhile: it only sleeps
        CompletableFuture.supplyAsync(() -> runSequential(spec));

    String seed = address("b") + ":" + PORT;
    Path nodeB = temp.resolve("node-b.log");
    Path nodeC = temp.resolve("node-c.log");
    start("b", nodeB, "node", "-v", "--host", address("b"), "--port", String.valueOf(PORT), "--seed", seed);
    Process cutOff =
        start("c", nodeC, "node", "-v", "--host", address("c"), "--port", String.valueOf(PORT), "--seed", seed);
    // The run starts at the same time: its coordinator keeps trying the seed until b is up.
    Path runOutput = temp.resolve("run.json");
    Path runLog = temp.resolve("run.log");
    Process run =
        start(
            "a",
            runOutput,
            runLog,
            List.of(
                "run", "--mode", "processes", "--workers", "2", "--workload", "sleep",
                "--tasks", String.valueOf(spec.tasks()), "--size", String.valueOf(spec.size()), "--json",
                "-D", "actorlab.cluster.host=" + address("a"),
                "-D", "actorlab.cluster.seed-nodes=[\"pekko://actorlab@" + seed + "\"]",
                "-D", "actorlab.start-timeout=150s"));
    awaitLine(nodeB, "actorlab node up at pekko://actorlab@" + seed, Duration.ofSeconds(150));
    awaitLine(nodeC, "actorlab node up at pekko://actorlab@" + address("c"), Duration.ofSeconds(150));
    awaitLine(nodeB, "workers started for", Duration.ofSeconds(150));
    awaitLine(nodeC, "workers started for", Duration.ofSeconds(150));
    Thread.sleep(1_500); // into the run: each node is running a task now
    assertTrue(run.isAlive(), () -> "the run ended before host c was cut off: " + read(runLog));

    ip("-n", namespace("c"), "link", "set", "eth0", "down");

    assertTrue(run.waitFor(120, TimeUnit.SECONDS), () -> "the run finished: " + read(runLog));
    assertEquals(0, run.exitValue(), () -> read(runOutput) + read(runLog));
    JsonNode report = new ObjectMapper().readTree(read(runOutput));
    assertEquals(spec.tasks(), report.get("completed").asInt(), report::toString);
    assertEquals(0, report.get("failed").asInt(), report::toString);
    assertEquals(
        sequential.get(60, TimeUnit.SECONDS).checksum(),
        report.get("checksum").asLong(),
        "every result exactly once");
    assertTrue(
        read(runLog).contains("downing") && read(runLog).contains(address("c")),
        () -> "the run's side downed host c: " + read(runLog));
    assertTrue(
        cutOff.waitFor(60, TimeUnit.SECONDS),
        () -> "the cut-off node downed itself and exited: " + read(nodeC));
  }

  private static RunReport runSequential(WorkloadSpec spec) {
    try {
      return WorkloadRun.run(
          ActorLab.mode("sequential"), Workloads.named("sleep").orElseThrow(), spec, RunListener.NONE);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String namespace(String host) {
    return prefix + host;
  }

  private static String address(String host) {
    return SUBNET + (1 + "abc".indexOf(host));
  }

  /** A JVM of actorlab's command line in the namespace of {@code host}, its output in {@code log}. */
  private Process start(String host, Path log, String... args) throws IOException {
    return start(host, log, log, List.of(args));
  }

  private Process start(String host, Path out, Path err, List<String> args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "ip", "netns", "exec", namespace(host),
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                // A quicker start: the work here is sleeping, so the C2 compiler would only cost CPU.
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=" + Paths.get("conf", "logback.xml").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"),
                "io.actorlab.cli.Main"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile());
    if (out.equals(err)) {
      builder.redirectErrorStream(true);
    } else {
      builder.redirectError(err.toFile());
    }
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  private static void awaitLine(Path log, String text, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!read(log).contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no '" + text + "' within " + within + " in " + log + ":\n" + read(log));
      }
      Thread.sleep(100);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  private record Result(int code, String output) {}

  private static void ip(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    Result result = run(command);
    if (result.code() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output());
    }
  }

  private static Result run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish within 30 s");
    }
    return new Result(process.exitValue(), output);
  }
}
