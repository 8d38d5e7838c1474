package io.actorlab.samples.dispatcherstour;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The actor of the tour: it holds its thread for a while per message and replies with the thread's name.
 * The same behaviour is spawned on every dispatcher, so any difference in the tour is the dispatcher's.
 */
public final class Probe extends AbstractBehavior<Probe.Command> {

  /** Messages a probe understands. */
  public interface Command {}

  /**
   * Hold the thread for {@code hold}, sleeping or spinning, then reply.
   *
   * @param spin true to compute (spin) instead of sleeping
   */
  public record Work(Duration hold, boolean spin, ActorRef<Done> replyTo) implements Command {}

  /** The reply: which thread ran the message. */
  public record Done(String thread) {}

  private final Occupancy occupancy;

  /** A probe that reports how many probes run at once to {@code occupancy}. */
  public static Behavior<Command> create(Occupancy occupancy) {
    return Behaviors.setup(context -> new Probe(context, occupancy));
  }

  private Probe(ActorContext<Command> context, Occupancy occupancy) {
    super(context);
    this.occupancy = occupancy;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessage(Work.class, this::onWork).build();
  }

  // Blocks on purpose (STYLE 5 forbids it in real actors): a probe that keeps its thread for a while
  // shows how many threads the dispatcher lends out at once.
  private Behavior<Command> onWork(Work work) throws InterruptedException {
    occupancy.enter();
    try {
      hold(work);
    } finally {
      occupancy.exit();
    }
    work.replyTo().tell(new Done(threadName()));
    return this;
  }

  private static void hold(Work work) throws InterruptedException {
    if (!work.spin()) {
      Thread.sleep(work.hold().toMillis());
      return;
    }
    long end = System.nanoTime() + work.hold().toNanos();
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }

  /** The thread's name; a virtual thread has none by default, so then its description. */
  static String threadName() {
    Thread thread = Thread.currentThread();
    return thread.getName().isEmpty() ? thread.toString() : thread.getName();
  }
}
