package io.actorlab.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a running cluster about itself from outside: a short-lived actor system that is not a member
 * (Pekko's {@code remote} provider, so asking changes no membership) and talks to the {@link
 * ClusterMonitor} and {@link NodeStats} actors every worker node runs.
 */
public final class MembershipClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MembershipClient.class);

  private final ActorSystem<Void> system;
  private final ActorRefResolver resolver;
  private final Duration stopTimeout;

  MembershipClient(ActorSystem<Void> system, Duration stopTimeout) {
    this.system = system;
    this.resolver = ActorRefResolver.get(system);
    this.stopTimeout = stopTimeout;
  }

  /**
   * A client on {@code host} (a free port) that the cluster's nodes can answer; {@code config} is the
   * nodes' configuration, so both sides agree on the Kryo registrations.
   */
  public static MembershipClient start(Config config, String host) {
    ClusterSettings cluster = ClusterSettings.create(config);
    Config client =
        ConfigFactory.empty()
            .withValue("pekko.actor.provider", ConfigValueFactory.fromAnyRef("remote"))
            .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(host))
            .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(0))
            // A client, not a member: no warning that remoting is used without the cluster, and
            // watching the node it listens to (remote watch is off outside a cluster by default).
            .withValue("pekko.remote.warn-about-direct-use", ConfigValueFactory.fromAnyRef(false))
            .withValue(
                "pekko.remote.use-unsafe-remote-features-outside-cluster",
                ConfigValueFactory.fromAnyRef(true))
            .withFallback(cluster.pekko())
            .withFallback(config);
    LoggerFactory.getILoggerFactory();
    return new MembershipClient(
        ActorSystem.create(Behaviors.empty(), "actorlab-client", client), cluster.leaveTimeout());
  }

  /** The members as the node at {@code node} sees them. */
  public ClusterMonitor.Members members(String node, Duration timeout) {
    return await(
        AskPattern.ask(monitor(node), ClusterMonitor.GetMembers::new, timeout, system.scheduler()),
        timeout,
        "the members from " + node);
  }

  /** The figures of the worker node at {@code node}. */
  public NodeStats.Stats stats(String node, Duration timeout) {
    ActorRef<NodeStats.Command> stats = resolver.resolveActorRef(node + "/user/" + NodeStats.NAME);
    return await(
        AskPattern.ask(stats, NodeStats.Get::new, timeout, system.scheduler()),
        timeout,
        "the figures of " + node);
  }

  /** Asks the node at {@code via} to make the member at {@code member} leave the cluster. */
  public void leave(String via, String member) {
    monitor(via).tell(new ClusterMonitor.LeaveCluster(member));
  }

  /**
   * Hands every membership change the node at {@code node} sees to {@code onChange}, on one thread at
   * a time, until the returned stage completes: when that node has gone.
   */
  public CompletionStage<Void> watch(String node, Consumer<ClusterMonitor.MemberChange> onChange) {
    CompletableFuture<Void> gone = new CompletableFuture<>();
    ActorRef<ClusterMonitor.Command> monitor = monitor(node);
    Behavior<ClusterMonitor.MemberChange> watcher =
        Behaviors.setup(
            context -> {
              context.watch(monitor);
              monitor.tell(new ClusterMonitor.Watch(context.getSelf()));
              return Behaviors.receive(ClusterMonitor.MemberChange.class)
                  .onMessage(ClusterMonitor.MemberChange.class, change -> handOn(onChange, change))
                  .onSignal(Terminated.class, terminated -> stopWhenGone(gone))
                  .build();
            });
    system.systemActorOf(watcher, "watch-" + System.nanoTime(), Props.empty());
    return gone;
  }

  private static Behavior<ClusterMonitor.MemberChange> handOn(
      Consumer<ClusterMonitor.MemberChange> onChange, ClusterMonitor.MemberChange change) {
    onChange.accept(change);
    return Behaviors.same();
  }

  private static Behavior<ClusterMonitor.MemberChange> stopWhenGone(CompletableFuture<Void> gone) {
    gone.complete(null);
    return Behaviors.stopped();
  }

  private ActorRef<ClusterMonitor.Command> monitor(String node) {
    return resolver.resolveActorRef(node + "/user/" + ClusterMonitor.NAME);
  }

  private static <T> T await(CompletionStage<T> answer, Duration timeout, String what) {
    try {
      return answer.toCompletableFuture().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking for " + what, e);
    } catch (ExecutionException | CompletionException | TimeoutException e) {
      throw new IllegalStateException("no answer with " + what + " within " + timeout, e);
    }
  }

  /**
   * Leaves: stops the client's actor system and waits for it, at most {@code
   * actorlab.cluster.leave-timeout}. Pekko's remoting can wait without end for a connection's stream
   * to finish (seen with {@code transport = tls-tcp}), so a client that has not stopped by then is
   * left to the JVM's exit, with a warning, rather than waited for.
   */
  @Override
  public void close() {
    system.terminate();
    try {
      system
          .getWhenTerminated()
          .toCompletableFuture()
          .get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn(
          "the cluster client's actor system did not stop within {} ms"
              + " (actorlab.cluster.leave-timeout); its threads are left to end with this JVM",
          stopTimeout.toMillis());
    }
  }
}
