package io.actorlab.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.cluster.Member;

/**
 * The {@code actorlab.cluster} section, and the Pekko configuration of a coordinator or worker node made
 * from it.
 *
 * @param host the address every node binds to and advertises
 * @param port the coordinator's port, 0 for a free one
 * @param seedNodes the seed nodes of a running cluster to attach to, empty to spawn workers
 * @param workersPerNode worker actors in each worker JVM
 * @param replaceDeadWorkers whether a worker JVM that dies during a run is replaced
 * @param workerJvmOptions JVM options of each spawned worker
 * @param extraClassPath jars and folders appended to each spawned worker's class path
 * @param classDataSharing whether spawned workers share an AppCDS archive ({@link ClassDataSharing})
 * @param classDataDir the folder of those archives, "" for one in the user's cache folder
 * @param logDir the folder for worker output, "" for a new one per run
 * @param joinTimeout how long a worker waits for the coordinator
 * @param leaveTimeout how long closing waits for workers to exit before killing them
 * @param pekko the Pekko settings every node of the cluster gets
 */
public record ClusterSettings(
    String host,
    int port,
    List<String> seedNodes,
    int workersPerNode,
    boolean replaceDeadWorkers,
    List<String> workerJvmOptions,
    List<String> extraClassPath,
    boolean classDataSharing,
    String classDataDir,
    String logDir,
    Duration joinTimeout,
    Duration leaveTimeout,
    Config pekko) {

  /** Headroom over the largest message for the envelope Artery adds around it. */
  private static final long FRAME_HEADROOM = 64 * 1024;

  /** The role of the node that runs the coordinator. */
  public static final String COORDINATOR_ROLE = "coordinator";

  private static final String PID_ROLE_PREFIX = "pid-";

  /** The role of nodes that run workers. */
  public static final String WORKER_ROLE = "worker";

  /** The typed extensions Pekko starts with every actor system. */
  private static final String LIBRARY_EXTENSIONS = "pekko.actor.typed.library-extensions";

  /** The receptionist's entry there: its extension object, as Pekko's reference.conf names it. */
  private static final String RECEPTIONIST = "org.apache.pekko.actor.typed.receptionist.Receptionist$";

  /**
   * Every node also has the role {@code pid-<its process id>}: a coordinator that sees one of its worker
   * processes exit finds that process's member by it and downs it at once, instead of waiting for the
   * failure detector and the Split Brain Resolver.
   */
  public static String pidRole(long pid) {
    return PID_ROLE_PREFIX + pid;
  }

  /** The process id of a member's JVM, from its {@link #pidRole}; -1 when it has none. */
  public static long pidOf(Member member) {
    for (String role : member.getRoles()) {
      if (isPidRole(role)) {
        return Long.parseLong(role.substring(PID_ROLE_PREFIX.length()));
      }
    }
    return -1;
  }

  /**
   * Fails at once, with a message that says what to do, when a node could not listen on {@code
   * host:port}: the port is taken, or the host is not an address of this machine. Port 0 always works.
   *
   * @param setting the option or key the port came from, for the message
   * @throws IllegalArgumentException naming the address and the setting
   */
  public static void checkCanListen(String host, int port, String setting) {
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true); // as the node's own listener does
      socket.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot listen on "
              + host
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "); is another node or program using it? Choose another "
              + setting
              + ", or 0 for a free one",
          e);
    }
  }

  /** True for a role {@link #pidRole} made. */
  public static boolean isPidRole(String role) {
    return role.startsWith(PID_ROLE_PREFIX);
  }

  /** Reads and checks {@code actorlab.cluster} of a resolved config. */
  public static ClusterSettings create(Config config) {
    Config cluster = config.getConfig("actorlab.cluster");
    int port = cluster.getInt("port");
    if (port < 0 || port > 65_535) {
      throw bad(cluster, "port", "must be between 0 and 65535, was " + port);
    }
    int perNode = cluster.getInt("workers-per-node");
    if (perNode < 1) {
      throw bad(cluster, "workers-per-node", "must be at least 1, was " + perNode);
    }
    List<String> seeds = seedNodes(cluster);
    for (String seed : seeds) {
      if (!seed.startsWith("pekko://")) {
        throw bad(
            cluster,
            "seed-nodes",
            "'" + seed + "' is not a node address like pekko://actorlab@10.0.0.5:25520");
      }
    }
    // Artery drops a frame larger than its limit and only logs it: make the limit follow the largest
    // message actorlab lets through, so whatever passes the check at submit also crosses.
    long frame = config.getBytes("actorlab.serialization.max-message-bytes") + FRAME_HEADROOM;
    Config pekko =
        cluster
            .getConfig("pekko")
            .withValue(
                "remote.artery.advanced.maximum-frame-size", ConfigValueFactory.fromAnyRef(frame))
            .atKey("pekko");
    return new ClusterSettings(
        cluster.getString("host"),
        port,
        seeds,
        perNode,
        cluster.getBoolean("replace-dead-workers"),
        cluster.getStringList("worker-jvm-options"),
        cluster.getStringList("extra-class-path"),
        cluster.getBoolean("class-data-sharing"),
        cluster.getString("class-data-dir"),
        cluster.getString("log-dir"),
        positive(cluster, "join-timeout"),
        positive(cluster, "leave-timeout"),
        pekko);
  }

  /**
   * {@code config} for the nodes of a run that spawns its own workers: they find each other by role
   * ({@link #COORDINATOR_ROLE}), so none starts Pekko's receptionist. In a cluster the receptionist runs
   * on Distributed Data, which every node would otherwise start eagerly: ~110 more classes, a few MB of
   * each worker's memory, and gossip every 2 seconds (about a tenth of an idle pool's CPU). Nodes started with
   * {@code bin/actorlab node} keep it: a run that attaches to them finds its workers through it.
   */
  public static Config withoutReceptionist(Config config) {
    List<String> extensions = new ArrayList<>(config.getStringList(LIBRARY_EXTENSIONS));
    extensions.remove(RECEPTIONIST);
    return config.withValue(LIBRARY_EXTENSIONS, ConfigValueFactory.fromIterable(extensions));
  }

  /** The configuration of the coordinator's node: a cluster member on {@link #port}. */
  public Config coordinatorConfig(Config config) {
    return node(COORDINATOR_ROLE, port, List.of()).withFallback(pekko).withFallback(config);
  }

  /**
   * The configuration of the coordinator of a run that spawned its workers: {@link
   * #coordinatorConfig}, except that the JVM's exit (Ctrl-C) does not make it leave the cluster. The
   * launcher's own hook kills the workers then, and a leave that waited for them timed out after 10 s.
   */
  public Config spawnedCoordinatorConfig(Config config) {
    return ConfigFactory.parseString("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off")
        .withFallback(coordinatorConfig(config));
  }

  /**
   * The configuration of a worker node that joins through {@code seeds} and listens on {@code
   * workerPort} (0 for a free one). It exits its JVM when it leaves the cluster, with {@link
   * WorkerNode#RETIRED_EXIT_CODE} when it left because its workers had run their share.
   */
  public Config workerConfig(Config config, List<String> seeds, int workerPort) {
    return node(WORKER_ROLE, workerPort, seeds)
        .withFallback(
            ConfigFactory.parseString("pekko.coordinated-shutdown.exit-jvm = on")
                .withValue(
                    ConfigUtil.joinPath(
                        "pekko",
                        "coordinated-shutdown",
                        "reason-overrides",
                        WorkerNode.Retired.class.getName(),
                        "exit-code"),
                    ConfigValueFactory.fromAnyRef(WorkerNode.RETIRED_EXIT_CODE)))
        .withFallback(pekko)
        .withFallback(config);
  }

  private Config node(String role, int nodePort, List<String> seeds) {
    return ConfigFactory.empty()
        .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(nodePort))
        .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(host))
        .withValue(
            "pekko.cluster.roles",
            ConfigValueFactory.fromIterable(
                List.of(role, pidRole(ProcessHandle.current().pid()))))
        .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds));
  }

  /** seed-nodes, or when it is empty and a state folder is set, the running nodes recorded there. */
  private static List<String> seedNodes(Config cluster) {
    List<String> seeds = cluster.getStringList("seed-nodes");
    String state = cluster.getString("state");
    if (!seeds.isEmpty() || state.isEmpty()) {
      return seeds;
    }
    Path dir = Paths.get(state).toAbsolutePath();
    List<String> running =
        ClusterState.read(dir)
            .orElseThrow(
                () ->
                    bad(
                        cluster,
                        "state",
                        "there is no cluster in "
                            + dir
                            + "; start one with `actorlab cluster up --state "
                            + state
                            + "`"))
            .seedNodes();
    if (running.isEmpty()) {
      throw bad(
          cluster,
          "state",
          "no node of the cluster in " + dir + " is running; `actorlab cluster down` clears it");
    }
    return running;
  }

  private static Duration positive(Config cluster, String key) {
    Duration value = cluster.getDuration(key);
    if (value.isNegative() || value.isZero()) {
      throw bad(cluster, key, "must be positive, was " + value);
    }
    return value;
  }

  private static ConfigException bad(Config cluster, String key, String problem) {
    return new ConfigException.BadValue(
        cluster.origin(), "actorlab.cluster." + key, problem);
  }
}
