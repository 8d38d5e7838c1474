package io.actorlab.cluster;

import com.typesafe.config.Config;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.slf4j.LoggerFactory;

/** Starts a worker node: an actor system that joins the cluster and runs a {@link WorkerNode}. */
public final class WorkerNodes {

  /**
   * The line a run's launcher writes to the standard input of its worker nodes, after the
   * coordinator's address, when the run is over and they are to stop.
   */
  public static final String END_OF_RUN = "end";

  private WorkerNodes() {}

  /**
   * Starts a worker node by hand ({@code bin/actorlab node}): it joins through {@code seeds} and works
   * for whichever run's coordinator joins the cluster.
   *
   * @param seeds addresses of the nodes to join through
   * @param port the port to listen on, 0 for a free one
   * @param exitWithParent stop the node when its standard input ends: the JVM that started it, and
   *     holds the other end of that pipe, has gone
   */
  public static ActorSystem<WorkerNode.Command> start(
      Config config, List<String> seeds, int port, boolean exitWithParent) {
    ClusterSettings cluster = ClusterSettings.create(config);
    ClusterSettings.checkCanListen(cluster.host(), port, "port (--port)");
    CompletableFuture<ActorSystem<?>> started = new CompletableFuture<>();
    LoggerFactory.getILoggerFactory();
    if (exitWithParent) {
      watchParent(null, started);
    }
    return started(
        started,
        ActorSystem.create(
            WorkerNode.create(plan(config, cluster, false)),
            "actorlab",
            cluster.workerConfig(config, seeds, port)));
  }

  /**
   * Starts a worker node that a run spawned ({@link WorkerMain}), on a free port. It starts its actor
   * system at once, while the run's coordinator starts its own, and joins the coordinator once it reads
   * the coordinator's address, the first line of its standard input. The launcher keeps that pipe open
   * and writes nothing more; the pipe closes when the launcher's JVM ends, however it ends (even {@code
   * kill -9}), and then this node stops, before or after its actor system is up.
   */
  public static ActorSystem<WorkerNode.Command> startSpawned(Config config) {
    ClusterSettings cluster = ClusterSettings.create(config);
    CompletableFuture<String> coordinator = new CompletableFuture<>();
    CompletableFuture<ActorSystem<?>> started = new CompletableFuture<>();
    LoggerFactory.getILoggerFactory();
    watchParent(coordinator, started);
    ActorSystem<WorkerNode.Command> system =
        started(
            started,
            ActorSystem.create(
                WorkerNode.create(plan(config, cluster, true)),
                "actorlab",
                cluster.workerConfig(config, List.of(), 0)));
    coordinator.thenAccept(
        address ->
            Cluster.get(system)
                .manager()
                .tell(new JoinSeedNodes(List.of(AddressFromURIString.parse(address)))));
    return system;
  }

  private static <T> ActorSystem<T> started(
      CompletableFuture<ActorSystem<?>> started, ActorSystem<T> system) {
    started.complete(system);
    return system;
  }

  private static WorkerNode.Plan plan(Config config, ClusterSettings cluster, boolean spawned) {
    return new WorkerNode.Plan(
        cluster.workersPerNode(),
        config.getString("actorlab.mode.dispatcher-path"),
        config.getString("actorlab.mode.blocking-dispatcher-path"),
        cluster.joinTimeout(),
        spawned,
        config.getInt("actorlab.tasks.max-tasks-per-worker"));
  }

  /** The address other nodes reach this node at. */
  public static String address(ActorSystem<?> system) {
    return Cluster.get(system).selfMember().address().toString();
  }

  /**
   * Reads standard input on a thread of its own from now on: first the coordinator's address, when
   * {@code coordinator} waits for it, then on to {@link #END_OF_RUN} or to the end, which means the
   * parent has gone. Either way this node stops.
   */
  private static void watchParent(
      CompletableFuture<String> coordinator, CompletableFuture<ActorSystem<?>> started) {
    Thread watcher = new Thread(() -> readParent(coordinator, started), "actorlab-parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static void readParent(
      CompletableFuture<String> coordinator, CompletableFuture<ActorSystem<?>> started) {
    boolean runEnded = false;
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while (!runEnded && (line = in.readLine()) != null) {
        runEnded = line.strip().equals(END_OF_RUN);
        if (!runEnded && coordinator != null) {
          coordinator.complete(line.strip()); // the first line; nothing else is written
        }
      }
    } catch (IOException e) {
      // A broken pipe means the same: the parent is gone.
    }
    ActorSystem<?> system = started.getNow(null);
    if (system == null) {
      System.err.println(
          runEnded
              ? "the run ended before this worker node started; exiting"
              : "the launching JVM has gone before this worker node started; exiting");
      System.exit(runEnded ? 0 : 1);
    }
    if (runEnded) {
      system.log().info("the run is over; this worker node stops");
    } else {
      system.log().warn("the launching JVM has gone; this worker node stops");
    }
    system.terminate();
  }
}
