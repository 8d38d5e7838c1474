package io.actorlab.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.pekko.actor.AddressFromURIString;

/**
 * The state folder of a cluster that {@code actorlab cluster up} started in the background: each
 * node's name, address, process and output file, in {@code cluster.conf}, with the nodes' output files
 * beside it. Every other {@code cluster} command, and a run attaching with {@code
 * actorlab.cluster.state}, reads it.
 *
 * @param dir the state folder
 * @param nodes the nodes, the seed first
 */
public record ClusterState(Path dir, List<Node> nodes) {

  /** The file in the state folder that lists the nodes. */
  public static final String FILE = "cluster.conf";

  /**
   * One node started in the background.
   *
   * @param name its name, e.g. node-1
   * @param address its cluster address, e.g. pekko://actorlab@127.0.0.1:25520
   * @param pid its process id
   * @param startedMillis when its process started (epoch millis), so a reused pid is not mistaken for it
   * @param log its output file
   */
  public record Node(String name, String address, long pid, long startedMillis, Path log) {

    /** Its process, while that still runs; never another process that got the same pid later. */
    public Optional<ProcessHandle> process() {
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(
              handle ->
                  handle
                      .info()
                      .startInstant()
                      .map(start -> start.toEpochMilli() == startedMillis)
                      .orElse(false));
    }

    /** The host part of its address: the interface it listens on. */
    public String host() {
      return AddressFromURIString.parse(address).getHost().orElse("127.0.0.1");
    }

    /** True while its process runs. */
    public boolean running() {
      return process().isPresent();
    }

    /** A node record for a process just started. */
    public static Node of(String name, String address, ProcessHandle process, Path log) {
      long started =
          process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
      return new Node(name, address, process.pid(), started, log);
    }
  }

  /**
   * The default state folder: {@code tmp/actorlab-cluster} in the actorlab folder ({@code
   * actorlab.home}, set by {@code bin/actorlab}), else under the current folder.
   */
  public static Path defaultDir() {
    String home = System.getProperty("actorlab.home");
    Path base = home == null || home.isBlank() ? Paths.get("") : Paths.get(home);
    return base.resolve("tmp").resolve("actorlab-cluster").toAbsolutePath();
  }

  /** The state in {@code dir}, or empty when there is none. */
  public static Optional<ClusterState> read(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Config config = ConfigFactory.parseFile(file.toFile());
      List<Node> nodes = new ArrayList<>();
      for (Config node : config.getConfigList("nodes")) {
        nodes.add(
            new Node(
                node.getString("name"),
                node.getString("address"),
                node.getLong("pid"),
                node.getLong("started-millis"),
                Paths.get(node.getString("log"))));
      }
      return Optional.of(new ClusterState(dir, List.copyOf(nodes)));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(
          file + " is not a cluster state file (" + e.getMessage() + "); delete the folder " + dir,
          e);
    }
  }

  /** The state in {@code dir}, failing with what to do when there is none. */
  public static ClusterState require(Path dir) {
    return read(dir)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no cluster in "
                        + dir
                        + " (no "
                        + FILE
                        + "); start one with `actorlab cluster up`, or give the folder it used"
                        + " with --state"));
  }

  /** Writes {@code cluster.conf}, creating the folder. */
  public void write() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Node node : nodes) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", node.name());
      entry.put("address", node.address());
      entry.put("pid", node.pid());
      entry.put("started-millis", node.startedMillis());
      entry.put("log", node.log().toAbsolutePath().toString());
      list.add(entry);
    }
    Config config =
        ConfigFactory.empty().withValue("nodes", ConfigValueFactory.fromIterable(list));
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve(FILE),
          "# Written by `actorlab cluster up`; read by the other cluster commands.\n"
              + config.root().render(ConfigRenderOptions.concise().setFormatted(true)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
    }
  }

  /** Deletes the state folder and everything in it. */
  public static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the cluster state " + dir, e);
    }
  }

  /** The nodes whose processes still run. */
  public List<Node> running() {
    return nodes.stream().filter(Node::running).collect(Collectors.toList());
  }

  /** The node named {@code name} (or with that address or port), failing with the names there are. */
  public Node node(String name) {
    return nodes.stream()
        .filter(
            node ->
                node.name().equals(name)
                    || node.address().equals(name)
                    || node.address().endsWith(":" + name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no node '"
                        + name
                        + "' in the cluster of "
                        + dir
                        + "; its nodes are "
                        + nodes.stream().map(Node::name).collect(Collectors.joining(", "))));
  }

  /** The node at this cluster address, if it is one of ours. */
  public Optional<Node> byAddress(String address) {
    return nodes.stream().filter(node -> node.address().equals(address)).findFirst();
  }

  /** The addresses of the running nodes, to join through: what {@code seed-nodes} would list. */
  public List<String> seedNodes() {
    return running().stream().map(Node::address).collect(Collectors.toList());
  }
}
