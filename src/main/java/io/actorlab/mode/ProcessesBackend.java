package io.actorlab.mode;

import com.typesafe.config.Config;
import io.actorlab.actor.Canceller;
import io.actorlab.actor.Coordinator;
import io.actorlab.actor.Worker;
import io.actorlab.cluster.ClusterKeys;
import io.actorlab.cluster.ClusterSettings;
import io.actorlab.cluster.NodeLauncher;
import io.actorlab.cluster.NodeStats;
import io.actorlab.cluster.SerializationCompatChecker;
import io.actorlab.cluster.WorkerNode;
import io.actorlab.measure.BoundaryStats;
import io.actorlab.measure.PoolUsage;
import io.actorlab.serialization.BoundaryMeter;
import io.actorlab.serialization.Preflight;
import io.actorlab.serialization.SerializationSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code processes} runner: this JVM is a cluster node that runs the {@link Coordinator}. Worker
 * JVMs spawned by a {@link NodeLauncher} are given the coordinator's address; nodes started by hand
 * (when {@code actorlab.cluster.seed-nodes} is set) find it through the receptionist. Either way they
 * run the same worker actors as the in-JVM modes; every task and result crosses through Kryo, and is
 * checked before it is sent.
 */
final class ProcessesBackend extends CoordinatorBackend {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessesBackend.class);

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);
  private static final long UP_POLL_MILLIS = 10;

  private final NodeLauncher launcher;
  private final ClusterSettings cluster;
  private final WorkerKiller killer;
  private final AtomicInteger replacements = new AtomicInteger();
  /** The configuration file of the run's worker JVMs, or null when it attached to a cluster. */
  private final Path nodeConfig;
  /** Worker JVMs (or, attached, worker nodes) the pool started with. */
  private final int workerNodes;
  /** Replacements start only once the pool is up: a worker that cannot start fails the start. */
  private volatile int replacementsLeft;
  /** Set as closing begins: worker JVMs then exit because the coordinator left, and none is replaced. */
  private volatile boolean closing;

  private ProcessesBackend(
      ActorSystem<Coordinator.Command> system,
      NodeLauncher launcher,
      ClusterSettings cluster,
      WorkerKiller killer,
      Duration stopTimeout,
      Path nodeConfig,
      int workerNodes) {
    super(system, Preflight.create(system), stopTimeout);
    this.launcher = launcher;
    this.cluster = cluster;
    this.killer = killer;
    this.nodeConfig = nodeConfig;
    this.workerNodes = workerNodes;
  }

  static ProcessesBackend start(ActorLabSettings settings, Config config) {
    ClusterSettings cluster = ClusterSettings.create(config);
    ClusterSettings.checkCanListen(cluster.host(), cluster.port(), "actorlab.cluster.port");
    LoggerFactory.getILoggerFactory();
    NodeLauncher launcher = cluster.seedNodes().isEmpty() ? NodeLauncher.create(cluster) : null;
    Path nodeConfig = null;
    ActorSystem<Coordinator.Command> system;
    WorkerKiller killer = new WorkerKiller(launcher);
    Config nodes = launcher == null ? config : ClusterSettings.withoutReceptionist(config);
    try {
      if (launcher != null) {
        // The worker JVMs start while this JVM starts its actor system; they join once told where.
        nodeConfig = launcher.writeNodeConfig(nodes);
        for (int i = 1; i <= settings.workers(); i++) {
          launcher.launchWorker("worker-" + i, cluster.workerJvmOptions(), nodeConfig);
        }
      }
      system =
          ActorSystem.create(
              Coordinator.create(
                  settings.tasks(), killer, SerializationSettings.create(config).chunkBytes()),
              "actorlab",
              launcher == null
                  ? cluster.coordinatorConfig(nodes)
                  : cluster.spawnedCoordinatorConfig(nodes));
    } catch (RuntimeException e) {
      if (launcher != null) {
        launcher.close();
      }
      throw e;
    }
    killer.system = system;
    ProcessesBackend backend =
        new ProcessesBackend(
            system, launcher, cluster, killer, settings.stopTimeout(), nodeConfig, settings.workers());
    try {
      Address self = Cluster.get(system).selfMember().address();
      if (launcher == null) {
        List<Address> seeds = new ArrayList<>();
        cluster.seedNodes().forEach(seed -> seeds.add(org.apache.pekko.actor.AddressFromURIString.parse(seed)));
        Cluster.get(system).manager().tell(new JoinSeedNodes(seeds));
        // The nodes find this coordinator through the receptionist; spawned ones run none.
        system.receptionist().tell(Receptionist.register(ClusterKeys.COORDINATOR, system));
      } else {
        Cluster.get(system).manager().tell(Join.create(self));
        launcher.onWorkerExit(backend::workerExited);
        // Told before this node is Up, a worker would be turned away and try again a second later.
        org.apache.pekko.cluster.Cluster.get(system.classicSystem())
            .registerOnMemberUp(() -> launcher.announce(self.toString()));
      }
      backend.awaitWorkers(
          settings.workers() * cluster.workersPerNode(),
          settings.startTimeout(),
          launcher == null ? backend::checkNotRefused : launcher::checkAlive,
          launcher == null
              ? backend::attachHint
              : () -> "; worker output is in " + launcher.logDir());
      backend.awaitUpHere(settings.startTimeout());
      // Enough to replace every worker a few times over, never an endless loop of JVMs that die.
      backend.replacementsLeft = cluster.replaceDeadWorkers() ? 3 * settings.workers() : 0;
      return backend;
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
  }

  /**
   * Fails at once when the cluster refused this node for a configuration that differs from its own,
   * rather than after the start timeout.
   */
  private void checkNotRefused() {
    if (CoordinatedShutdown.get(system).getShutdownReason().orElse(null)
        == CoordinatedShutdown.incompatibleConfigurationDetectedReason()) {
      throw new IllegalArgumentException(
          "the cluster at "
              + cluster.seedNodes()
              + " refused this node: its settings differ from this run's in one of "
              + SerializationCompatChecker.KEYS
              + " (the log above names which). Start the nodes with the same settings as the run");
    }
  }

  /** Why an attached run found too few workers: it could not join at all, or they are missing. */
  private String attachHint() {
    if (Cluster.get(system).selfMember().status() != MemberStatus.up()) {
      return "; this node could not join the seed nodes "
          + cluster.seedNodes()
          + " (actorlab.cluster.seed-nodes): is a node running there, and reachable from here?";
    }
    return "; is a worker node running and joined to " + cluster.seedNodes() + "?";
  }

  private void launchWorker(String name) {
    launcher.launchWorker(name, cluster.workerJvmOptions(), nodeConfig);
  }

  /**
   * A worker JVM exited during the run: down its node at once, so the coordinator hands its task to
   * another worker now rather than after the failure detector and the Split Brain Resolver (~10 s);
   * and start a replacement when actorlab.cluster.replace-dead-workers says so. A JVM that retired
   * (actorlab.tasks.max-tasks-per-worker) or was killed at a task's timeout is always replaced.
   */
  private void workerExited(NodeLauncher.Node node) {
    if (closing) {
      return;
    }
    long pid = node.process().pid();
    int exitCode = node.process().exitValue();
    boolean renewed = exitCode == WorkerNode.RETIRED_EXIT_CODE || killer.killedAtTimeout(pid);
    if (renewed) {
      system.log().info("worker JVM {} (pid {}) is renewed: a new one takes its place", node.name(), pid);
    } else {
      system
          .log()
          .warn(
              "worker JVM {} (pid {}) exited with code {}; its task goes to another worker. Its"
                  + " output: {}",
              node.name(),
              pid,
              exitCode,
              node.log());
    }
    downNode(Cluster.get(system), pid);
    if (renewed) {
      launchWorker(node.name() + "-renewed-" + replacements.incrementAndGet());
    } else if (replacementsLeft > 0) {
      replacementsLeft--;
      launchWorker(node.name() + "-replacement-" + replacements.incrementAndGet());
    } else if (launcher.liveWorkers() == 0) {
      system.tell(
          new Coordinator.NoWorkersLeft(
              "every worker JVM of this pool has exited and none will replace them ("
                  + (cluster.replaceDeadWorkers()
                      ? "the pool has started all the replacements it may"
                      : "actorlab.cluster.replace-dead-workers = off")
                  + "); their output is in "
                  + launcher.logDir()));
    }
  }

  private static void downNode(Cluster cluster, long pid) {
    for (Member member : cluster.state().getMembers()) {
      if (ClusterSettings.pidOf(member) == pid) {
        cluster.manager().tell(new Down(member.address()));
      }
    }
  }

  /**
   * Stops a task past its timeout by killing the worker JVM that runs it (a thread cannot be killed, a
   * process can); a node started by hand is downed instead, which stops it.
   */
  private static final class WorkerKiller implements Canceller {
    private final NodeLauncher launcher;
    private final Set<Long> killed = ConcurrentHashMap.newKeySet();
    private volatile ActorSystem<?> system;

    WorkerKiller(NodeLauncher launcher) {
      this.launcher = launcher;
    }

    @Override
    public Cancellation cancel(long taskId, ActorRef<Worker.Command> worker) {
      Cluster cluster = Cluster.get(system);
      Address address = worker.path().address();
      for (Member member : cluster.state().getMembers()) {
        if (member.address().equals(address)) {
          long pid = ClusterSettings.pidOf(member);
          cluster.manager().tell(new Down(address));
          if (launcher != null && launcher.kill(pid)) {
            killed.add(pid);
            return new Cancellation(
                Effect.STOPPED,
                "its worker JVM (pid " + pid + ") was killed, and a new one takes its place");
          }
          return new Cancellation(Effect.STOPPED, "its node " + address + " was downed, which stops it");
        }
      }
      return new Cancellation(Effect.STOPPED, "its worker's node had already left the cluster");
    }

    @Override
    public boolean stillRunning(long taskId) {
      return false; // its process is gone
    }

    boolean killedAtTimeout(long pid) {
      return killed.contains(pid);
    }
  }

  @Override
  public PoolUsage usage() {
    BoundaryStats boundary = BoundaryMeter.get(system).snapshot();
    NodeStats.Stats own = NodeStats.snapshot(boundary);
    long cpu = own.cpuNanos();
    long peak = own.peakRssBytes();
    Map<String, Long> byNode = new LinkedHashMap<>();
    byNode.put("coordinator", own.peakRssBytes());
    int index = 0;
    for (NodeStats.Stats node : workerStats()) {
      cpu += node.cpuNanos();
      peak += node.peakRssBytes();
      boundary = boundary.plus(node.boundary());
      byNode.put("worker_" + ++index, node.peakRssBytes());
    }
    return new PoolUsage(cpu, peak, boundary, byNode);
  }

  /**
   * Broken when the coordinator's system stopped, or when fewer worker JVMs run than the pool started
   * with (one exited and none replaced it); attached, when fewer worker nodes are Up than it needed.
   */
  @Override
  public Optional<String> broken() {
    Optional<String> stopped = super.broken();
    if (stopped.isPresent()) {
      return stopped;
    }
    if (launcher != null) {
      long running = launcher.liveWorkers();
      return running >= workerNodes
          ? Optional.empty()
          : Optional.of(
              running
                  + " of its "
                  + workerNodes
                  + " worker JVMs are running; their output is in "
                  + launcher.logDir());
    }
    int up = upWorkers().size();
    return up >= workerNodes
        ? Optional.empty()
        : Optional.of(up + " of its " + workerNodes + " worker nodes are up in the cluster");
  }

  /**
   * Asks every worker node that is a member of the cluster for its figures (its statistics actor has a
   * fixed path), sorted by pid for a stable order.
   */
  private List<NodeStats.Stats> workerStats() {
    ActorRefResolver resolver = ActorRefResolver.get(system);
    List<CompletionStage<NodeStats.Stats>> asked = new ArrayList<>();
    for (Member member : upWorkers()) {
      ActorRef<NodeStats.Command> node =
          resolver.resolveActorRef(member.address() + "/user/" + NodeStats.NAME);
      asked.add(AskPattern.ask(node, NodeStats.Get::new, ASK_TIMEOUT, system.scheduler()));
    }
    List<NodeStats.Stats> stats = new ArrayList<>();
    for (CompletionStage<NodeStats.Stats> answer : asked) {
      stats.add(await(answer, "a worker node's figures"));
    }
    stats.sort(java.util.Comparator.comparingLong(NodeStats.Stats::pid));
    return stats;
  }

  /** Attached to a running cluster: its nodes serve one coordinator at a time. */
  @Override
  public boolean onSharedNodes() {
    return launcher == null;
  }

  /**
   * Waits until this node's own view of the cluster has every worker node Up. A worker registers once
   * it sees itself Up, and it sees that first when it, not this node, is the cluster's leader: until
   * the gossip reaches this node, {@link #usage()} would leave that worker out of a run's figures
   * (its messages counted on one side only) and {@link #broken()} would call the pool broken.
   */
  private void awaitUpHere(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (upWorkers().size() < workerNodes) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            upWorkers().size()
                + " of "
                + workerNodes
                + " worker nodes are Up as this node sees the cluster, after "
                + timeout
                + " (actorlab.start-timeout)");
      }
      try {
        Thread.sleep(UP_POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the workers started", e);
      }
    }
  }

  /** The cluster's members with the worker role that are Up. */
  private List<Member> upWorkers() {
    List<Member> up = new ArrayList<>();
    for (Member member : Cluster.get(system).state().getMembers()) {
      if (member.hasRole(ClusterSettings.WORKER_ROLE) && member.status() == MemberStatus.up()) {
        up.add(member);
      }
    }
    return up;
  }

  /**
   * Leaves the cluster (workers see the coordinator go and stop), waits for the worker JVMs to exit,
   * then kills any that did not.
   */
  @Override
  public void close() {
    closing = true;
    if (launcher != null) {
      launcher.endRun(); // the workers leave alongside this node, not once they find it gone
    }
    boolean stopped = false;
    try {
      stopped = terminate(); // whether in time or not, the worker JVMs are stopped below
    } finally {
      if (launcher != null) {
        launcher.stop(cluster.leaveTimeout());
        launcher.close();
      }
    }
    if (!stopped) {
      // Pekko's remoting can wait without end for a connection's stream to finish (seen with
      // transport = tls-tcp). The results are in; what is left are this node's threads.
      LOG.warn(
          "the coordinator's actor system did not stop within {} ms (actorlab.stop-timeout);"
              + " its threads are left to end with this JVM",
          stopTimeout().toMillis());
    }
  }
}
