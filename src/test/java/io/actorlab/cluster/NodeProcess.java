package io.actorlab.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code actorlab node} in a JVM of its own, started as a user would, its output (with actorlab's
 * own logging configuration, warnings and errors) in a log file. {@link #close} kills it and waits for
 * it to exit. Tests start nodes through {@link NodeProcesses}, which shows their output when a test
 * fails and stops them after each test.
 */
final class NodeProcess implements AutoCloseable {

  private static final Pattern UP = Pattern.compile("actorlab node up at (pekko://\\S+),");

  private final Process process;
  private final Path log;

  private NodeProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code actorlab node} with these JVM options and node arguments, writing its output to
   * {@code log}; {@link NodeProcesses#start} is the way tests call it.
   */
  static NodeProcess start(Path log, List<String> jvmOptions, List<String> nodeArgs)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    // A quicker start on a shared machine: these nodes do little work.
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.add("-Dlogback.configurationFile=" + Paths.get("conf", "logback.xml").toAbsolutePath());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.actorlab.cli.Main", "node"));
    // Stops when this JVM's end closes its standard input, so a test JVM that dies leaves no node.
    command.add("--exit-with-parent");
    command.addAll(nodeArgs);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new NodeProcess(process, log);
  }

  /** A port that was free a moment ago, for a seed node whose address must be known in advance. */
  static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }

  /** Waits for the line the node prints once its actor system is up; returns its address. */
  String awaitUp(Duration within) throws InterruptedException {
    awaitLog("actorlab node up at", within);
    Matcher up = UP.matcher(log());
    if (!up.find()) {
      throw new AssertionError("no address in the start line of " + this);
    }
    return up.group(1);
  }

  /** Waits until the log holds {@code text}; fails when the node exits first, or after {@code within}. */
  void awaitLog(String text, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!log().contains(text)) {
      if (!process.isAlive()) {
        throw new AssertionError(
            this + " exited (" + process.exitValue() + ") before logging '" + text + "'");
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no '" + text + "' within " + within + " in " + this);
      }
      Thread.sleep(100);
    }
  }

  /** Everything the node wrote so far. */
  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the node's JVM is still running. */
  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public String toString() {
    return "the node logging to " + log;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }
}
