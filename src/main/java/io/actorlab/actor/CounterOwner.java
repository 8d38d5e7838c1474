package io.actorlab.actor;

import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Owns the named counters that tasks add to. The state belongs to this one actor and changes only as it
 * processes messages one at a time, so there is no lock and no lost update. It lives next to the
 * {@link Coordinator}, which hands it each task's increments as the task's result arrives.
 */
public final class CounterOwner extends AbstractBehavior<CounterOwner.Command> {

  /** Messages the counter owner understands. */
  public interface Command {}

  /** Add {@code delta} to the counter {@code name}. */
  public record Add(String name, long delta) implements Command, NoSerializationVerificationNeeded {}

  /** Reply with the counter's value. */
  public record Read(String name, ActorRef<Long> replyTo)
      implements Command, NoSerializationVerificationNeeded {}

  private final Map<String, Long> counters = new HashMap<>();

  /** An owner with every counter at zero. */
  public static Behavior<Command> create() {
    return Behaviors.setup(CounterOwner::new);
  }

  private CounterOwner(ActorContext<Command> context) {
    super(context);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Add.class, this::onAdd)
        .onMessage(Read.class, this::onRead)
        .build();
  }

  private Behavior<Command> onAdd(Add add) {
    counters.merge(add.name(), add.delta(), Long::sum);
    return this;
  }

  private Behavior<Command> onRead(Read read) {
    read.replyTo().tell(counters.getOrDefault(read.name(), 0L));
    return this;
  }
}
