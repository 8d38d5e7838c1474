package io.actorlab.samples.cluster;

import io.actorlab.cluster.ClusterSettings;
import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Prints every membership and reachability event of the cluster as it happens: the guardian of a small
 * observer node (role {@value #ROLE}) that joins the sample's cluster only to watch it.
 */
final class MembershipPrinter extends AbstractBehavior<ClusterEvent.ClusterDomainEvent> {

  /** The observer node's role, so its own events read as such. */
  static final String ROLE = "observer";

  private final Map<Long, String> namesByPid;
  private final Timeline timeline;

  /**
   * A printer that names worker nodes by their process id ({@code namesByPid}, filled as they start).
   */
  static Behavior<ClusterEvent.ClusterDomainEvent> create(
      Map<Long, String> namesByPid, Timeline timeline) {
    return Behaviors.setup(context -> new MembershipPrinter(context, namesByPid, timeline));
  }

  private MembershipPrinter(
      ActorContext<ClusterEvent.ClusterDomainEvent> context,
      Map<Long, String> namesByPid,
      Timeline timeline) {
    super(context);
    this.namesByPid = namesByPid;
    this.timeline = timeline;
    Cluster cluster = Cluster.get(context.getSystem());
    cluster
        .subscriptions()
        .tell(Subscribe.create(context.getSelf().narrow(), ClusterEvent.MemberEvent.class));
    cluster
        .subscriptions()
        .tell(Subscribe.create(context.getSelf().narrow(), ClusterEvent.ReachabilityEvent.class));
  }

  @Override
  public Receive<ClusterEvent.ClusterDomainEvent> createReceive() {
    return newReceiveBuilder()
        .onMessage(ClusterEvent.MemberEvent.class, event -> print(event, event.member()))
        .onMessage(ClusterEvent.ReachabilityEvent.class, event -> print(event, event.member()))
        .build();
  }

  private Behavior<ClusterEvent.ClusterDomainEvent> print(Object event, Member member) {
    timeline.print(
        String.format(
            "%-24s %-22s %s",
            event.getClass().getSimpleName(), nameOf(member), member.address()));
    return this;
  }

  /** node-N for the worker nodes; the coordinator and this observer both live in the sample's JVM. */
  private String nameOf(Member member) {
    if (member.hasRole(ClusterSettings.COORDINATOR_ROLE)) {
      return "coordinator (this JVM)";
    }
    if (member.hasRole(ROLE)) {
      return "observer (this JVM)";
    }
    for (Map.Entry<Long, String> node : namesByPid.entrySet()) {
      if (member.hasRole(ClusterSettings.pidRole(node.getKey()))) {
        return node.getValue();
      }
    }
    return "another node";
  }
}
