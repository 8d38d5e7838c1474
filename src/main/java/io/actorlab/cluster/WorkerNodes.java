package io.actorlab.cluster;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.slf4j.LoggerFactory;

/** Starts a worker node: an actor system that joins the cluster and runs a {@link WorkerNode}. */
public final class WorkerNodes {

  private WorkerNodes() {}

  /**
   * Starts a worker node of the mode in {@code config}.
   *
   * @param seeds addresses of the nodes to join through (the coordinator, for spawned workers)
   * @param port the port to listen on, 0 for a free one
   * @param exitWithParent stop the node when standard input closes: the launching JVM has gone
   * @param coordinator the coordinator's actor path, or null to find it through the receptionist
   */
  public static ActorSystem<WorkerNode.Command> start(
      Config config, List<String> seeds, int port, boolean exitWithParent, String coordinator) {
    ClusterSettings cluster = ClusterSettings.create(config);
    ClusterSettings.checkCanListen(cluster.host(), port, "port (--port)");
    WorkerNode.Plan plan =
        new WorkerNode.Plan(
            cluster.workersPerNode(),
            config.getString("actorlab.mode.dispatcher-path"),
            config.getString("actorlab.mode.blocking-dispatcher-path"),
            cluster.joinTimeout(),
            coordinator,
            config.getInt("actorlab.tasks.max-tasks-per-worker"));
    // Watch the parent from the start: on a busy machine the actor system takes a while to come up,
    // and a parent that dies meanwhile must not leave this JVM behind.
    CompletableFuture<ActorSystem<?>> started = new CompletableFuture<>();
    if (exitWithParent) {
      watchParent(started);
    }
    LoggerFactory.getILoggerFactory();
    ActorSystem<WorkerNode.Command> system =
        ActorSystem.create(
            WorkerNode.create(plan), "actorlab", cluster.workerConfig(config, seeds, port));
    started.complete(system);
    return system;
  }

  /** The address other nodes reach this node at. */
  public static String address(ActorSystem<?> system) {
    return Cluster.get(system).selfMember().address().toString();
  }

  /**
   * The launcher keeps a pipe to this JVM's standard input open and never writes to it; the pipe closes
   * when the launcher's JVM ends, however it ends, and then this node stops.
   */
  private static void watchParent(CompletableFuture<ActorSystem<?>> started) {
    Thread watcher = new Thread(() -> stopWhenInputEnds(started), "actorlab-parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static void stopWhenInputEnds(CompletableFuture<ActorSystem<?>> started) {
    InputStream in = System.in;
    byte[] ignored = new byte[256];
    try {
      while (in.read(ignored) >= 0) {
        // Nothing is ever written; only the end of the stream matters.
      }
    } catch (IOException e) {
      // A broken pipe means the same: the parent is gone.
    }
    ActorSystem<?> system = started.getNow(null);
    if (system == null) {
      System.err.println("the launching JVM has gone before this worker node started; exiting");
      System.exit(1);
    }
    system.log().warn("the launching JVM has gone; this worker node stops");
    system.terminate();
  }
}
