package io.actorlab.mode;

import com.typesafe.config.Config;
import io.actorlab.actor.Coordinator;
import io.actorlab.cluster.ClusterKeys;
import io.actorlab.cluster.ClusterSettings;
import io.actorlab.cluster.NodeLauncher;
import io.actorlab.cluster.NodeStats;
import io.actorlab.measure.BoundaryStats;
import io.actorlab.measure.PoolUsage;
import io.actorlab.serialization.BoundaryMeter;
import io.actorlab.serialization.Preflight;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.Address;
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
import org.slf4j.LoggerFactory;

/**
 * The {@code processes} runner: this JVM is a cluster node that runs the {@link Coordinator}. Worker
 * JVMs spawned by a {@link NodeLauncher} are given the coordinator's address; nodes started by hand
 * (when {@code actorlab.cluster.seed-nodes} is set) find it through the receptionist. Either way they
 * run the same worker actors as the in-JVM modes; every task and result crosses through Kryo, and is
 * checked before it is sent.
 */
final class ProcessesBackend extends CoordinatorBackend {

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);

  private final NodeLauncher launcher;
  private final ClusterSettings cluster;
  private final AtomicInteger replacements = new AtomicInteger();
  private volatile List<String> workerArgs = List.of();
  /** Replacements start only once the pool is up: a worker that cannot start fails the start. */
  private volatile int replacementsLeft;

  private ProcessesBackend(
      ActorSystem<Coordinator.Command> system,
      NodeLauncher launcher,
      ClusterSettings cluster,
      Duration stopTimeout) {
    super(system, Preflight.create(system), stopTimeout);
    this.launcher = launcher;
    this.cluster = cluster;
  }

  static ProcessesBackend start(ActorLabSettings settings, Config config) {
    ClusterSettings cluster = ClusterSettings.create(config);
    LoggerFactory.getILoggerFactory();
    ActorSystem<Coordinator.Command> system =
        ActorSystem.create(Coordinator.create(settings.retries()), "actorlab", cluster.coordinatorConfig(config));
    NodeLauncher launcher =
        cluster.seedNodes().isEmpty()
            ? NodeLauncher.create(cluster.logDir(), cluster.classData())
            : null;
    ProcessesBackend backend =
        new ProcessesBackend(system, launcher, cluster, settings.stopTimeout());
    try {
      Address self = Cluster.get(system).selfMember().address();
      if (launcher == null) {
        List<Address> seeds = new ArrayList<>();
        cluster.seedNodes().forEach(seed -> seeds.add(org.apache.pekko.actor.AddressFromURIString.parse(seed)));
        Cluster.get(system).manager().tell(new JoinSeedNodes(seeds));
      } else {
        Cluster.get(system).manager().tell(Join.create(self));
      }
      system.receptionist().tell(Receptionist.register(ClusterKeys.COORDINATOR, system));
      if (launcher != null) {
        backend.workerArgs =
            List.of(
                "node",
                "--seed",
                self.toString(),
                "--exit-with-parent",
                "--coordinator",
                self + "/user",
                "--node-config",
                launcher.writeNodeConfig(config).toString());
        for (int i = 1; i <= settings.workers(); i++) {
          backend.launchWorker("worker-" + i);
        }
      }
      backend.awaitWorkers(
          settings.workers() * cluster.workersPerNode(),
          settings.startTimeout(),
          launcher == null ? () -> {} : launcher::checkAlive,
          launcher == null
              ? "; is a worker node running and joined to " + cluster.seedNodes() + "?"
              : "; worker output is in " + launcher.logDir());
      // Enough to replace every worker a few times over, never an endless loop of JVMs that die.
      backend.replacementsLeft = cluster.replaceDeadWorkers() ? 3 * settings.workers() : 0;
      return backend;
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
  }

  private void launchWorker(String name) {
    launcher.launch(name, cluster.workerJvmOptions(), workerArgs, this::workerExited);
  }

  /**
   * A worker JVM exited during the run: down its node at once, so the coordinator hands its task to
   * another worker now rather than after the failure detector and the Split Brain Resolver (~10 s);
   * and start a replacement when actorlab.cluster.replace-dead-workers says so.
   */
  private void workerExited(NodeLauncher.Node node) {
    String role = ClusterSettings.pidRole(node.process().pid());
    system
        .log()
        .warn(
            "worker JVM {} (pid {}) exited with code {}; its task goes to another worker. Its"
                + " output: {}",
            node.name(),
            node.process().pid(),
            node.process().exitValue(),
            node.log());
    Cluster cluster = Cluster.get(system);
    for (Member member : cluster.state().getMembers()) {
      if (member.hasRole(role)) {
        cluster.manager().tell(new Down(member.address()));
      }
    }
    if (replacementsLeft > 0) {
      replacementsLeft--;
      launchWorker(node.name() + "-replacement-" + replacements.incrementAndGet());
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
   * Asks every worker node that is a member of the cluster for its figures (its statistics actor has a
   * fixed path), sorted by pid for a stable order.
   */
  private List<NodeStats.Stats> workerStats() {
    ActorRefResolver resolver = ActorRefResolver.get(system);
    List<CompletionStage<NodeStats.Stats>> asked = new ArrayList<>();
    for (Member member : Cluster.get(system).state().getMembers()) {
      if (member.hasRole(ClusterSettings.WORKER_ROLE) && member.status() == MemberStatus.up()) {
        ActorRef<NodeStats.Command> node =
            resolver.resolveActorRef(member.address() + "/user/" + NodeStats.NAME);
        asked.add(AskPattern.ask(node, NodeStats.Get::new, ASK_TIMEOUT, system.scheduler()));
      }
    }
    List<NodeStats.Stats> stats = new ArrayList<>();
    for (CompletionStage<NodeStats.Stats> answer : asked) {
      stats.add(await(answer, "a worker node's figures"));
    }
    stats.sort(java.util.Comparator.comparingLong(NodeStats.Stats::pid));
    return stats;
  }

  /**
   * Leaves the cluster (workers see the coordinator go and stop), waits for the worker JVMs to exit,
   * then kills any that did not.
   */
  @Override
  public void close() {
    try {
      terminate(); // whether in time or not, the worker JVMs are stopped below
    } finally {
      if (launcher != null) {
        launcher.stop(cluster.leaveTimeout());
        launcher.close();
      }
    }
  }
}
