package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.actorlab.cli.Main;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code actorlab cluster} as a terminal session uses it: {@code up} in a JVM of its own whose nodes
 * outlive it, {@code status} read from the cluster, {@code status --watch} streaming a killed node's
 * Unreachable, Down and Removed, {@code stop}, {@code down} — and no process left afterwards.
 */
class ClusterCommandTest {

  @TempDir Path temp;

  private final List<Process> commands = new ArrayList<>();
  private final List<Long> nodePids = new ArrayList<>();

  @AfterEach
  void nothingLeft() {
    commands.forEach(Process::destroyForcibly);
    List<String> left = new ArrayList<>();
    for (long pid : nodePids) {
      ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .ifPresent(
              node -> {
                left.add(pid + " " + node.info().commandLine().orElse("?"));
                node.destroyForcibly();
              });
    }
    Descendants.assertNoneLeft();
    assertTrue(left.isEmpty(), () -> "nodes left running: " + left);
  }

  @Test
  void upStatusKillWatchStopDownLeavesNothingRunning() throws Exception {
    Path state = temp.resolve("cluster");
    Process up =
        command(
            "cluster", "up", "--nodes", "3", "--port", "0", "--state", state.toString(),
            "-D", "actorlab.cluster.join-timeout=150s");
    assertTrue(up.waitFor(180, TimeUnit.SECONDS), "cluster up finished");
    String upOutput = new String(up.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, up.exitValue(), upOutput);
    ClusterState cluster = ClusterState.read(state).orElseThrow();
    cluster.nodes().forEach(node -> nodePids.add(node.pid()));
    assertEquals(List.of("node-1", "node-2", "node-3"), names(cluster.nodes()));
    assertEquals(3, cluster.running().size(), "the nodes outlive the up command: " + upOutput);

    JsonNode status = statusJson(state);
    List<String> upMembers = new ArrayList<>();
    for (JsonNode member : status.get("members")) {
      assertEquals("Up", member.get("status").asText(), member.toString());
      assertTrue(member.get("reachable").asBoolean(), member.toString());
      assertTrue(member.get("rss_bytes").asLong() > 0, "RSS from the node itself: " + member);
      assertEquals(
          cluster.node(member.get("name").asText()).pid(), member.get("pid").asLong(), "its pid");
      upMembers.add(member.get("name").asText());
    }
    assertEquals(List.of("node-1", "node-2", "node-3"), upMembers);

    Execution again = execute("cluster", "up", "--nodes", "1", "--port", "0", "--state", state.toString());
    assertEquals(2, again.code(), again.err());
    assertTrue(again.err().contains("is still running"), again.err());

    Process watch = command("cluster", "status", "--watch", "--state", state.toString());
    List<String> watched = lines(watch);
    await(() -> watched.stream().anyMatch(line -> line.contains("watching membership changes")),
        Duration.ofSeconds(120), () -> "the watch started: " + watched);

    Execution kill = execute("cluster", "kill", "node-3", "--state", state.toString());
    assertEquals(0, kill.code(), kill.err());
    assertFalse(cluster.node("node-3").running(), "kill -9 ended node-3");
    for (String event : List.of("Unreachable", "Down", "Removed")) {
      await(
          () -> watched.stream().anyMatch(line -> line.matches(".*\\s" + event + "\\s+node-3\\s.*")),
          Duration.ofSeconds(90),
          () -> "the watch saw node-3 " + event + ": " + watched);
    }
    JsonNode afterKill = statusJson(state);
    assertEquals(List.of("node-1", "node-2"), memberNames(afterKill), afterKill.toString());
    assertEquals("node-3", afterKill.get("not_members").get(0).get("name").asText());
    assertFalse(afterKill.get("not_members").get(0).get("running").asBoolean());

    Execution stop = execute("cluster", "stop", "node-2", "--state", state.toString());
    assertEquals(0, stop.code(), stop.err());
    assertFalse(cluster.node("node-2").running(), "node-2 left and exited");
    await(
        () -> memberNames(statusJson(state)).equals(List.of("node-1")),
        Duration.ofSeconds(60),
        () -> "node-2 removed from the members");

    Execution down = execute("cluster", "down", "--state", state.toString());
    assertEquals(0, down.code(), down.err());
    assertTrue(down.out().contains("stopped 1 node"), down.out());
    assertFalse(Files.exists(state), "the state folder is removed");
    for (ClusterState.Node node : cluster.nodes()) {
      assertFalse(node.running(), node.name() + " still running after down");
    }
    assertTrue(watch.waitFor(60, TimeUnit.SECONDS), "the watch ends when its node goes");
  }

  @Test
  void aPortInUseIsRefusedBeforeAnythingStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      Path state = temp.resolve("taken");
      Execution up =
          execute("cluster", "up", "--nodes", "2", "--port", String.valueOf(port), "--state", state.toString());
      assertEquals(2, up.code(), up.err());
      assertTrue(up.err().contains("port " + port + " on 127.0.0.1 is in use"), up.err());
      assertTrue(up.err().contains("--port 0"), "says how to fix it: " + up.err());
      assertFalse(Files.exists(state.resolve(ClusterState.FILE)), "nothing recorded");
    }
  }

  @Test
  void aNodeThatCannotStartFailsUpWithItsOutputAndLeavesNothing() {
    Path state = temp.resolve("broken");
    Execution up =
        execute(
            "cluster", "up", "--nodes", "2", "--port", "0", "--state", state.toString(),
            "-D", "actorlab.cluster.worker-jvm-options=[\"-XX:+NoSuchOptionAnywhere\"]");
    assertEquals(1, up.code(), up.err());
    assertTrue(up.err().contains("exited while starting"), up.err());
    assertTrue(up.err().contains("NoSuchOptionAnywhere"), "the node's own output: " + up.err());
    assertFalse(Files.exists(state), "the state of the failed start is removed");
  }

  @Test
  void commandsWithoutAClusterSayHowToStartOne() {
    String state = temp.resolve("none").toString();
    for (String[] args :
        List.of(
            new String[] {"cluster", "status", "--state", state},
            new String[] {"cluster", "kill", "node-1", "--state", state},
            new String[] {"cluster", "down", "--state", state})) {
      Execution result = execute(args);
      assertEquals(2, result.code(), result.err());
      assertTrue(result.err().contains("no cluster in"), result.err());
      assertTrue(result.err().contains("actorlab cluster up"), result.err());
    }
  }

  private record Execution(int code, String out, String err) {}

  /** One command in this JVM, as Main runs it. */
  private static Execution execute(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Execution(code, out.toString(), err.toString());
  }

  /** One command in a JVM of its own, as a terminal starts it. */
  private Process command(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.actorlab.cli.Main");
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    commands.add(process);
    return process;
  }

  private static JsonNode statusJson(Path state) {
    Execution status = execute("cluster", "status", "--json", "--state", state.toString());
    assertEquals(0, status.code(), status.err());
    try {
      return new ObjectMapper().readTree(status.out());
    } catch (java.io.IOException e) {
      throw new AssertionError("status --json printed no JSON: " + status.out(), e);
    }
  }

  private static List<String> memberNames(JsonNode status) {
    return StreamSupport.stream(status.get("members").spliterator(), false)
        .map(member -> member.get("name").asText())
        .collect(Collectors.toList());
  }

  private static List<String> names(List<ClusterState.Node> nodes) {
    return nodes.stream().map(ClusterState.Node::name).collect(Collectors.toList());
  }

  /** The process's output lines as they come, read on a thread of their own. */
  private static List<String> lines(Process process) {
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (java.io.IOException e) {
                lines.add("(output ended: " + e + ")");
              }
            },
            "watch-output");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static void await(
      java.util.function.BooleanSupplier condition,
      Duration within,
      java.util.function.Supplier<String> what)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + within + ": " + what.get());
      }
      Thread.sleep(100);
    }
  }
}
