package io.actorlab.cluster;

import io.actorlab.serialization.Unmetered;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Leave;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Tells clients outside the cluster what the cluster is: its members as this node sees them, and every
 * membership change as it happens. Every worker node runs one, so {@code actorlab cluster status} can
 * ask any node, and {@code cluster stop} can ask one to make a member leave.
 */
public final class ClusterMonitor extends AbstractBehavior<ClusterMonitor.Command> {

  /** The monitor's name under /user on every worker node. */
  public static final String NAME = "monitor";

  /** Messages the monitor understands. */
  public interface Command {}

  /** Reply with the {@link Members} this node sees. */
  public record GetMembers(ActorRef<Members> replyTo) implements Command, Unmetered {}

  /** Send every membership change to {@code replyTo} until it stops. */
  public record Watch(ActorRef<MemberChange> replyTo) implements Command, Unmetered {}

  /** Make the member at {@code address} leave the cluster gracefully. */
  public record LeaveCluster(String address) implements Command, Unmetered {}

  /**
   * One member.
   *
   * @param address its address, e.g. pekko://actorlab@127.0.0.1:25520
   * @param status Pekko's member status: Joining, WeaklyUp, Up, Leaving, Exiting, Down, Removed
   * @param reachable false while the failure detector of some node cannot reach it
   * @param roles its roles, without the pid and data-centre roles
   */
  public record MemberInfo(String address, String status, boolean reachable, List<String> roles)
      implements Unmetered {}

  /** The members this node sees, and the leader's address ("" when there is none). */
  public record Members(List<MemberInfo> members, String leader) implements Unmetered {}

  /**
   * A membership change: {@code event} is Joining, WeaklyUp, Up, Leaving, Exiting, Down, Removed,
   * Unreachable or Reachable, and {@code member} the member after it.
   */
  public record MemberChange(String event, MemberInfo member) implements Unmetered {}

  private record ClusterChange(ClusterEvent.ClusterDomainEvent event) implements Command {}

  private final Cluster cluster;
  private final Set<ActorRef<MemberChange>> watchers = new HashSet<>();

  /** The monitor of the node it runs on. */
  public static Behavior<Command> create() {
    return Behaviors.setup(ClusterMonitor::new);
  }

  private ClusterMonitor(ActorContext<Command> context) {
    super(context);
    cluster = Cluster.get(context.getSystem());
    cluster
        .subscriptions()
        .tell(
            Subscribe.create(
                context.messageAdapter(ClusterEvent.MemberEvent.class, ClusterChange::new),
                ClusterEvent.MemberEvent.class));
    cluster
        .subscriptions()
        .tell(
            Subscribe.create(
                context.messageAdapter(ClusterEvent.ReachabilityEvent.class, ClusterChange::new),
                ClusterEvent.ReachabilityEvent.class));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetMembers.class, this::onGetMembers)
        .onMessage(Watch.class, this::onWatch)
        .onMessage(LeaveCluster.class, this::onLeave)
        .onMessage(ClusterChange.class, this::onClusterChange)
        .onSignal(Terminated.class, this::onWatcherGone)
        .build();
  }

  private Behavior<Command> onGetMembers(GetMembers get) {
    ClusterEvent.CurrentClusterState state = cluster.state();
    List<MemberInfo> members = new ArrayList<>();
    for (Member member : state.getMembers()) {
      members.add(info(member, !state.getUnreachable().contains(member)));
    }
    String leader = state.getLeader() == null ? "" : state.getLeader().toString();
    get.replyTo().tell(new Members(members, leader));
    return this;
  }

  private Behavior<Command> onWatch(Watch watch) {
    watchers.add(watch.replyTo());
    getContext().watch(watch.replyTo());
    return this;
  }

  private Behavior<Command> onLeave(LeaveCluster leave) {
    cluster.manager().tell(Leave.create(AddressFromURIString.parse(leave.address())));
    return this;
  }

  private Behavior<Command> onClusterChange(ClusterChange change) {
    MemberChange forwarded = describe(change.event());
    if (forwarded != null) {
      watchers.forEach(watcher -> watcher.tell(forwarded));
    }
    return this;
  }

  private Behavior<Command> onWatcherGone(Terminated terminated) {
    watchers.remove(terminated.getRef());
    return this;
  }

  /** The change a client is told of, or null for events it need not hear about. */
  private MemberChange describe(ClusterEvent.ClusterDomainEvent event) {
    if (event instanceof ClusterEvent.UnreachableMember unreachable) {
      return new MemberChange("Unreachable", info(unreachable.member(), false));
    }
    if (event instanceof ClusterEvent.ReachableMember reachable) {
      return new MemberChange("Reachable", info(reachable.member(), true));
    }
    if (event instanceof ClusterEvent.MemberEvent memberEvent) {
      Member member = memberEvent.member();
      MemberInfo info = info(member, !cluster.state().getUnreachable().contains(member));
      return new MemberChange(info.status(), info);
    }
    return null;
  }

  private static MemberInfo info(Member member, boolean reachable) {
    List<String> roles =
        member.getRoles().stream()
            .filter(role -> !ClusterSettings.isPidRole(role) && !role.startsWith("dc-"))
            .sorted()
            .collect(Collectors.toList());
    return new MemberInfo(member.address().toString(), member.status().toString(), reachable, roles);
  }
}
