package io.actorlab.actor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Takes a {@link Worker}'s chunks in its JVM, on a thread of its own, and hands them over one at a
 * time: the first at once when the worker has nothing to do, each next one when the worker says its
 * chunks are over ({@link Worker.Next}). So a chunk the coordinator sent ahead (prefetch) starts
 * without a round trip to the coordinator, and, since the worker runs its tasks on its own thread and
 * reads no message meanwhile, a chunk not yet handed over can still be given back ({@link
 * Worker.Release}) when another worker is free, rather than wait behind a slow task.
 *
 * <p>An {@link Worker.Audit} passes through to the worker behind the chunks handed over before it,
 * carrying the tasks still held here, so the worker's answer covers every task sent to it.
 */
final class Inbox extends AbstractBehavior<Worker.Command> {

  private final ActorRef<Worker.Command> worker;
  private final ActorRef<Coordinator.Command> coordinator;
  /** Chunks not yet handed over, in the order they came. */
  private final ArrayDeque<Worker.Run> held = new ArrayDeque<>();
  /** The worker has no chunk: the next one goes to it as it comes. */
  private boolean workerFree = true;

  static Behavior<Worker.Command> create(
      ActorRef<Worker.Command> worker, ActorRef<Coordinator.Command> coordinator) {
    return Behaviors.setup(context -> new Inbox(context, worker, coordinator));
  }

  private Inbox(
      ActorContext<Worker.Command> context,
      ActorRef<Worker.Command> worker,
      ActorRef<Coordinator.Command> coordinator) {
    super(context);
    this.worker = worker;
    this.coordinator = coordinator;
  }

  @Override
  public Receive<Worker.Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Worker.Run.class, this::onRun)
        .onMessageEquals(Worker.Next.INSTANCE, this::onNext)
        .onMessage(Worker.Release.class, this::onRelease)
        .onMessage(Worker.Audit.class, this::onAudit)
        .build();
  }

  private Behavior<Worker.Command> onRun(Worker.Run run) {
    if (workerFree) {
      workerFree = false;
      worker.tell(run);
    } else {
      held.addLast(run);
    }
    return this;
  }

  private Behavior<Worker.Command> onNext() {
    Worker.Run run = held.pollFirst();
    if (run == null) {
      workerFree = true;
    } else {
      worker.tell(run);
    }
    return this;
  }

  private Behavior<Worker.Command> onRelease(Worker.Release release) {
    Iterator<Worker.Run> runs = held.iterator();
    while (runs.hasNext()) {
      Worker.Run run = runs.next();
      if (run.tasks().get(0).taskId() == release.firstTaskId()) {
        runs.remove();
        coordinator.tell(
            new Coordinator.Released(
                worker, run.tasks().stream().map(Worker.Assignment::taskId).toList()));
        break;
      }
    }
    return this; // handed over already: the worker runs it and answers as usual
  }

  private Behavior<Worker.Command> onAudit(Worker.Audit audit) {
    List<Long> tasks = new ArrayList<>(audit.held());
    held.forEach(run -> run.tasks().forEach(task -> tasks.add(task.taskId())));
    worker.tell(new Worker.Audit(audit.round(), tasks));
    return this;
  }
}
