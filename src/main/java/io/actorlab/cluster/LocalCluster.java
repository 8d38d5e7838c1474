package io.actorlab.cluster;

import com.typesafe.config.Config;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A cluster of worker nodes on this machine that outlives the command that started it, like Dask's
 * {@code LocalCluster} or {@code ray start}: {@link #up} starts the nodes in the background and records
 * them in a {@link ClusterState} folder; {@link #stop}, {@link #kill} and {@link #down} end them.
 * Unlike the workers a run spawns, these nodes do not watch their parent: they are started in a
 * session of their own ({@code setsid}) with no standard input, so closing the terminal or ending the
 * command leaves them running until {@code cluster down}.
 */
public final class LocalCluster {

  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);
  private static final Path SETSID = Paths.get("/usr/bin/setsid");

  private LocalCluster() {}

  /**
   * What {@link #up} starts.
   *
   * @param nodes how many nodes (the first is the seed)
   * @param host the address every node binds and advertises
   * @param port the seed's port; the others take the next ones. 0: free ports chosen now
   * @param jvmOptions JVM options of every node
   * @param nodeArgs more arguments of each node's {@code node} command (mode, configuration)
   * @param timeout how long to wait for every node to be Up
   */
  public record Plan(
      int nodes,
      String host,
      int port,
      List<String> jvmOptions,
      List<String> nodeArgs,
      Duration timeout) {}

  /**
   * Starts the nodes, records them in {@code dir}, and waits until all of them are Up members. When one
   * exits or they are not all Up in time, stops every node it started, removes the state and fails with
   * the end of the output of the node that failed.
   *
   * @param config the nodes' configuration, for the membership queries
   * @throws IllegalArgumentException when a cluster of {@code dir} still runs, or a port is taken
   * @throws IllegalStateException when the nodes do not come up
   */
  public static ClusterState up(Path dir, Plan plan, Config config) {
    if (plan.nodes() < 1) {
      throw new IllegalArgumentException("--nodes must be at least 1, was " + plan.nodes());
    }
    Optional<ClusterState> existing = ClusterState.read(dir);
    if (existing.isPresent() && !existing.get().running().isEmpty()) {
      throw new IllegalArgumentException(
          "a cluster from "
              + dir
              + " is still running ("
              + describe(existing.get().running())
              + "); stop it with `actorlab cluster down"
              + stateOption(dir)
              + "`, or start another with a different --state");
    }
    ClusterState.delete(dir);
    List<Integer> ports = ports(plan);
    String seed = address(plan.host(), ports.get(0));
    List<ClusterState.Node> nodes = new ArrayList<>();
    ClusterState state = new ClusterState(dir, nodes);
    try {
      for (int i = 0; i < plan.nodes(); i++) {
        nodes.add(launch(dir, "node-" + (i + 1), plan, ports.get(i), seed));
        state.write(); // at once, so that `cluster down` finds whatever was started
      }
      awaitUp(state, plan, config);
      return new ClusterState(dir, List.copyOf(nodes));
    } catch (RuntimeException e) {
      nodes.forEach(node -> node.process().ifPresent(LocalCluster::killAndWait));
      ClusterState.delete(dir);
      throw e;
    }
  }

  /**
   * Makes {@code node} leave the cluster gracefully (asked through another running node when there is
   * one) and waits up to {@code timeout} for its process to exit, then terminates it, then kills it.
   */
  public static void stop(ClusterState state, ClusterState.Node node, Config config, Duration timeout) {
    Optional<ProcessHandle> process = node.process();
    if (process.isEmpty()) {
      throw new IllegalArgumentException(node.name() + " (pid " + node.pid() + ") is not running");
    }
    String via =
        state.running().stream()
            .filter(other -> !other.equals(node))
            .map(ClusterState.Node::address)
            .findFirst()
            .orElse(node.address());
    try (MembershipClient client = MembershipClient.start(config, node.host())) {
      client.leave(via, node.address());
      stopWithin(List.of(process.get()), timeout, false);
    }
  }

  /** Kills {@code node}'s process at once (kill -9), as a crash would: no leaving, no goodbye. */
  public static void kill(ClusterState.Node node) {
    ProcessHandle process =
        node.process()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        node.name() + " (pid " + node.pid() + ") is not running"));
    killAndWait(process);
  }

  /**
   * Stops every running node of the cluster in {@code dir} (each leaves the cluster on SIGTERM), kills
   * those still running after {@code timeout}, and removes the state folder.
   *
   * @return the nodes that were running
   */
  public static List<ClusterState.Node> down(Path dir, Duration timeout) {
    ClusterState state = ClusterState.require(dir);
    List<ClusterState.Node> running = state.running();
    List<ProcessHandle> processes = new ArrayList<>();
    running.forEach(node -> node.process().ifPresent(processes::add));
    stopWithin(processes, timeout, true);
    ClusterState.delete(dir);
    return running;
  }

  /**
   * Waits until every process has exited; past {@code timeout} terminates (SIGTERM) those left, and 5 s
   * later kills them. With {@code terminateFirst}, terminates them at once instead of waiting.
   */
  private static void stopWithin(List<ProcessHandle> processes, Duration timeout, boolean terminateFirst) {
    if (terminateFirst) {
      processes.forEach(ProcessHandle::destroy);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ProcessHandle process : processes) {
      if (!waitFor(process, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
        process.destroy();
        if (!waitFor(process, Duration.ofSeconds(5))) {
          killAndWait(process);
        }
      }
    }
  }

  private static void killAndWait(ProcessHandle process) {
    process.destroyForcibly();
    if (!waitFor(process, Duration.ofSeconds(10))) {
      throw new IllegalStateException("pid " + process.pid() + " is still running after kill -9");
    }
  }

  private static boolean waitFor(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /** The ports of the nodes: free ones now for port 0, else port, port + 1, …, each checked free. */
  private static List<Integer> ports(Plan plan) {
    List<Integer> ports = new ArrayList<>();
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < plan.nodes(); i++) {
        int wanted = plan.port() == 0 ? 0 : plan.port() + i;
        if (wanted > 65_535) {
          throw new IllegalArgumentException(
              "--port " + plan.port() + " with " + plan.nodes() + " nodes goes past port 65535");
        }
        held.add(bind(plan.host(), wanted, plan.port()));
        ports.add(held.get(i).getLocalPort());
      }
      return ports;
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException e) {
          // a probe socket; nothing to do
        }
      }
    }
  }

  private static ServerSocket bind(String host, int port, int firstPort) {
    try {
      ServerSocket socket = new ServerSocket();
      try {
        socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        return socket;
      } catch (IOException e) {
        socket.close();
        throw e;
      }
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("--host " + host + " is not an address of this machine", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "port "
              + port
              + " on "
              + host
              + " is in use or not available ("
              + e.getMessage()
              + "); the nodes need ports "
              + firstPort
              + " and up: choose others with --port, or --port 0 for free ones",
          e);
    }
  }

  private static ClusterState.Node launch(Path dir, String name, Plan plan, int port, String seed) {
    List<String> args = new ArrayList<>();
    args.add("node");
    args.add("--host");
    args.add(plan.host());
    args.add("--port");
    args.add(String.valueOf(port));
    args.add("--seed");
    args.add(seed);
    args.addAll(plan.nodeArgs());
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      command.add(SETSID.toString()); // a session of its own: no hang-up when the terminal closes
    }
    command.addAll(
        NodeLauncher.nodeCommand(plan.jvmOptions(), System.getProperty("java.class.path"), args));
    Path log = dir.resolve(name + ".log");
    try {
      Files.createDirectories(dir);
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      return ClusterState.Node.of(name, nodeAddress(plan.host(), port), process.toHandle(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node " + name + ": " + command, e);
    }
  }

  /** Waits until every node is an Up member, as the seed (or any running node) sees it. */
  private static void awaitUp(ClusterState state, Plan plan, Config config) {
    long deadline = System.nanoTime() + plan.timeout().toNanos();
    String missing = "";
    ClusterState.Node culprit = state.nodes().get(0);
    try (MembershipClient client = MembershipClient.start(config, plan.host())) {
      while (System.nanoTime() < deadline) {
        for (ClusterState.Node node : state.nodes()) {
          if (!node.running()) {
            throw new IllegalStateException(
                node.name() + " exited while starting; the end of " + node.log() + ":"
                    + System.lineSeparator() + NodeLauncher.tail(node.log()));
          }
        }
        try {
          ClusterMonitor.Members members =
              client.members(state.nodes().get(0).address(), ASK_TIMEOUT);
          List<String> up =
              members.members().stream()
                  .filter(member -> member.status().equals("Up"))
                  .map(ClusterMonitor.MemberInfo::address)
                  .collect(Collectors.toList());
          List<ClusterState.Node> notUp =
              state.nodes().stream()
                  .filter(node -> !up.contains(node.address()))
                  .collect(Collectors.toList());
          if (notUp.isEmpty()) {
            return;
          }
          missing = "not Up: " + describe(notUp);
          culprit = notUp.get(0);
        } catch (IllegalStateException noAnswerYet) {
          missing = "the seed " + state.nodes().get(0).name() + " does not answer yet";
        }
        sleep(POLL);
      }
    }
    throw new IllegalStateException(
        "the cluster was not Up within "
            + plan.timeout()
            + " (actorlab.cluster.join-timeout): "
            + missing
            + "; the end of "
            + culprit.log()
            + ":"
            + System.lineSeparator()
            + NodeLauncher.tail(culprit.log()));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the cluster", e);
    }
  }

  private static String describe(List<ClusterState.Node> nodes) {
    return nodes.stream()
        .map(node -> node.name() + " pid " + node.pid())
        .collect(Collectors.joining(", "));
  }

  private static String stateOption(Path dir) {
    return dir.toAbsolutePath().equals(ClusterState.defaultDir()) ? "" : " --state " + dir;
  }

  private static String address(String host, int port) {
    return host + ":" + port;
  }

  private static String nodeAddress(String host, int port) {
    return "pekko://actorlab@" + address(host, port);
  }
}
