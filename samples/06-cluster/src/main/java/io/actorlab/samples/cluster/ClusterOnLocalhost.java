package io.actorlab.samples.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actorlab.api.ActorLab;
import io.actorlab.api.WorkerPool;
import io.actorlab.cluster.ClusterSettings;
import io.actorlab.cluster.NodeLauncher;
import io.actorlab.samples.common.SampleSupport;
import io.actorlab.workload.PrimesTask;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.ClusterEvent;
import org.slf4j.LoggerFactory;

/**
 * Sample 06: a cluster of three worker nodes on 127.0.0.1, started as {@code bin/actorlab node} would
 * start them by hand (through {@link NodeLauncher}, on free ports, node-1 the seed), and a {@code
 * processes} pool that attaches to them through {@code actorlab.cluster.seed-nodes}. A small observer
 * node in this JVM prints the membership events. The tasks go in three batches: after the first,
 * node-2 is stopped gracefully (SIGTERM: it leaves the cluster); after the second, node-3 is killed
 * (SIGKILL, {@code kill -9}). One at a time: a leave cannot complete while a node is unreachable, and
 * the Split Brain Resolver downs every node when membership keeps changing. node-1 carries on, and
 * the checksum says no task was lost or counted twice.
 *
 * <p>Run: {@code samples/run 06 [tasks=24] [size=300000] [timeout-s=300]}
 */
public final class ClusterOnLocalhost {

  private static final Path CONF =
      Path.of(System.getProperty("actorlab.home", "."), "samples", "06-cluster", "cluster.conf");

  private ClusterOnLocalhost() {}

  /** Starts the nodes, runs the tasks through a stop and a kill, and stops everything it started. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options =
        SampleSupport.options(args, Map.of("tasks", "24", "size", "300000", "timeout-s", "300"));
    int tasks = Integer.parseInt(options.get("tasks"));
    long size = Long.parseLong(options.get("size"));
    Duration timeout = Duration.ofSeconds(Long.parseLong(options.get("timeout-s")));
    if (tasks < 3) {
      throw new IllegalArgumentException("tasks=" + tasks + ": give at least 3, one per node");
    }
    LoggerFactory.getILoggerFactory();
    Config config = ActorLab.mode("processes").configFile(CONF).config();
    ClusterSettings cluster = ClusterSettings.create(config);
    String seed = cluster.host() + ":" + freePort();
    Timeline timeline = new Timeline();
    Map<Long, String> namesByPid = new ConcurrentHashMap<>();

    try (NodeLauncher launcher = NodeLauncher.create(cluster)) {
      List<NodeLauncher.Node> nodes = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        // What each terminal of the README runs, but with free ports: node-1 is its own seed.
        List<String> arguments =
            List.of(
                "node", "--port", i == 1 ? seed.substring(seed.indexOf(':') + 1) : "0",
                "--seed", seed, "--conf", CONF.toString(), "--exit-with-parent");
        NodeLauncher.Node node =
            launcher.launch(
                "node-" + i,
                cluster.workerJvmOptions(),
                arguments,
                gone ->
                    timeline.print(
                        gone.name() + " (pid " + gone.process().pid() + ") exited with code "
                            + gone.process().exitValue()));
        namesByPid.put(node.process().pid(), node.name());
        nodes.add(node);
      }
      timeline.print(
          "started node-1, node-2, node-3 (seed " + seed + "); their output: " + launcher.logDir());
      ActorSystem<ClusterEvent.ClusterDomainEvent> observer =
          ActorSystem.create(
              MembershipPrinter.create(namesByPid, timeline),
              "actorlab",
              observerConfig(config, cluster, seed));
      try {
        long checksum = run(tasks, size, seed, nodes, timeline, timeout, launcher);
        long expected = tasks * new PrimesTask().run(size, null);
        timeline.print(
            "checksum " + checksum + (checksum == expected ? " = " : " != ") + tasks
                + " x primes below " + size + (checksum == expected ? ": no task lost or counted twice"
                : ": WRONG"));
        if (checksum != expected) {
          throw new IllegalStateException("checksum " + checksum + ", expected " + expected);
        }
      } finally {
        observer.terminate();
        observer.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        launcher.stop(Duration.ZERO); // node-1 is still up, waiting for the next run: SIGTERM it
      }
    }
    timeline.print("done: every node this sample started has stopped");
  }

  /**
   * The tasks on a pool attached to the three nodes, in three batches: after the first, node-2 leaves
   * gracefully (and the next batch waits until it has gone); after the second, node-3 is killed just
   * before the last batch is sent, so its worker, not yet known to be dead, takes a task with it.
   */
  private static long run(
      int tasks,
      long size,
      String seed,
      List<NodeLauncher.Node> nodes,
      Timeline timeline,
      Duration timeout,
      NodeLauncher launcher)
      throws Exception {
    try (WorkerPool pool =
        ActorLab.mode("processes")
            .configFile(CONF)
            .workers(3)
            .set("actorlab.cluster.seed-nodes", List.of("pekko://actorlab@" + seed))
            .start()) {
      timeline.print("a worker on each of the 3 nodes has registered with the coordinator: running "
          + tasks + " tasks");
      List<CompletableFuture<Long>> results = new ArrayList<>();
      int third = tasks / 3;
      submitAndAwait(pool, size, third, results, timeout, launcher);
      timeline.print(third + "/" + tasks + " results in: stopping node-2 gracefully (SIGTERM, it leaves)");
      Process leaving = nodes.get(1).process();
      leaving.destroy();
      if (!leaving.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException("node-2 did not leave within timeout-s=" + timeout.toSeconds());
      }
      submitAndAwait(pool, size, third, results, timeout, launcher);
      timeline.print(
          2 * third + "/" + tasks + " results in: killing node-3 (SIGKILL, as kill -9), then sending the"
              + " rest");
      nodes.get(2).process().destroyForcibly();
      submitAndAwait(pool, size, tasks - 2 * third, results, timeout, launcher);
      timeline.print("all " + tasks + " results in");
      return results.stream().mapToLong(CompletableFuture::join).sum();
    }
  }

  /** Submits {@code count} more tasks and waits for every result so far. */
  private static void submitAndAwait(
      WorkerPool pool,
      long size,
      int count,
      List<CompletableFuture<Long>> results,
      Duration timeout,
      NodeLauncher launcher)
      throws Exception {
    for (int i = 0; i < count; i++) {
      results.add(pool.submit(new PrimesTask(), size).toCompletableFuture());
    }
    try {
      CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
          .get(timeout.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "the tasks did not finish within timeout-s=" + timeout.toSeconds()
              + "; the nodes' output is in " + launcher.logDir(), e);
    }
  }

  /** A member of the cluster that runs no workers: only the membership printer. */
  private static Config observerConfig(Config config, ClusterSettings cluster, String seed) {
    return ConfigFactory.parseMap(
            Map.of(
                "pekko.remote.artery.canonical.port", 0,
                "pekko.cluster.roles", List.of(MembershipPrinter.ROLE),
                "pekko.cluster.seed-nodes", List.of("pekko://actorlab@" + seed)))
        .withFallback(cluster.pekko())
        .withFallback(config);
  }

  /** A port nothing listens on now; node-1 binds it a moment later. */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
