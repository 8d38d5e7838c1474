package io.actorlab.actor;

import io.actorlab.serialization.CrossesBoundary;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Hands tasks to workers by work pulling: submitted tasks wait in a queue, and each goes to a worker that
 * has said it is idle. The coordinator neither knows nor cares whether its workers share its JVM.
 *
 * <p>Every submitted task ends: with the worker's outcome, or, when the coordinator stops first, with an
 * exception saying so. A task that throws runs again up to {@link RetryPolicy#maxAttempts()} times. A
 * worker that stops while running a task has that task put back at the head of the queue, up to {@link
 * RetryPolicy#maxDeliveries()} times; a late answer from a worker thought lost is ignored, so each task
 * is answered exactly once.
 */
public final class Coordinator extends AbstractBehavior<Coordinator.Command> {

  /** Messages the coordinator understands. */
  public interface Command {}

  /**
   * Run a task; {@code result} completes with its outcome. Sent only from the coordinator's own JVM, so
   * it carries a future rather than a reply-to reference.
   */
  public record Submit(String taskClass, Object input, CompletableFuture<TaskOutcome> result)
      implements Command, NoSerializationVerificationNeeded {}

  /**
   * Complete {@code ready} once at least {@code workers} workers have announced themselves; a pool waits
   * for this before it takes work, so start-up is not counted as task time.
   */
  public record AwaitWorkers(int workers, CompletableFuture<Void> ready)
      implements Command, NoSerializationVerificationNeeded {}

  /** Reply with the value of a shared counter; asked from the coordinator's own JVM. */
  public record ReadCounter(String name, ActorRef<Long> replyTo)
      implements Command, NoSerializationVerificationNeeded {}

  /** A worker is ready for its first task. */
  public record WorkerReady(ActorRef<Worker.Command> worker) implements Command, CrossesBoundary {}

  /** A worker finished a task and is ready for the next. */
  public record TaskDone(TaskOutcome outcome) implements Command, CrossesBoundary {}

  private record WorkerStopped(ActorRef<Worker.Command> worker)
      implements Command, NoSerializationVerificationNeeded {}

  /** A task with how often it ran and failed, and how often it was lost with its worker. */
  private record Pending(long id, Submit submit, int attempts, int deliveries) {

    Pending failedOnce() {
      return new Pending(id, submit, attempts + 1, deliveries);
    }

    Pending lostOnce() {
      return new Pending(id, submit, attempts, deliveries + 1);
    }
  }

  private record InFlight(Pending pending, ActorRef<Worker.Command> worker) {}

  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final ArrayDeque<ActorRef<Worker.Command>> idle = new ArrayDeque<>();
  private final Map<Long, InFlight> inFlight = new HashMap<>();
  private final List<AwaitWorkers> waiting = new ArrayList<>();
  private int registered;
  private final ActorRef<CounterOwner.Command> counters;
  private final RetryPolicy retries;
  private long nextId;

  /**
   * A coordinator with no workers yet; workers join by sending {@link WorkerReady}.
   *
   * @param retries how often a failed or lost task is tried again
   */
  public static Behavior<Command> create(RetryPolicy retries) {
    return Behaviors.setup(context -> new Coordinator(context, retries));
  }

  private Coordinator(ActorContext<Command> context, RetryPolicy retries) {
    super(context);
    this.retries = retries;
    counters = context.spawn(CounterOwner.create(), "counters");
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Submit.class, this::onSubmit)
        .onMessage(AwaitWorkers.class, this::onAwaitWorkers)
        .onMessage(WorkerReady.class, this::onWorkerReady)
        .onMessage(TaskDone.class, this::onTaskDone)
        .onMessage(WorkerStopped.class, this::onWorkerStopped)
        .onMessage(ReadCounter.class, this::onReadCounter)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private Behavior<Command> onSubmit(Submit submit) {
    queue.addLast(new Pending(nextId++, submit, 0, 0));
    dispatch();
    return this;
  }

  private Behavior<Command> onAwaitWorkers(AwaitWorkers await) {
    waiting.add(await);
    releaseWaiting();
    return this;
  }

  private Behavior<Command> onWorkerReady(WorkerReady ready) {
    getContext().watchWith(ready.worker(), new WorkerStopped(ready.worker()));
    idle.addLast(ready.worker());
    registered++;
    releaseWaiting();
    dispatch();
    return this;
  }

  private void releaseWaiting() {
    Iterator<AwaitWorkers> awaits = waiting.iterator();
    while (awaits.hasNext()) {
      AwaitWorkers await = awaits.next();
      if (registered >= await.workers()) {
        await.ready().complete(null);
        awaits.remove();
      }
    }
  }

  private Behavior<Command> onTaskDone(TaskDone done) {
    InFlight finished = inFlight.remove(done.outcome().taskId());
    if (finished == null) {
      return this; // a late duplicate of a task that was already answered
    }
    idle.addLast(finished.worker());
    Pending pending = finished.pending().failedOnce();
    if (!done.outcome().succeeded() && pending.attempts() < retries.maxAttempts()) {
      queue.addLast(pending); // tried again later, by whichever worker is free
    } else {
      complete(pending, done.outcome());
    }
    dispatch();
    return this;
  }

  /** Hands out a task's final outcome, with its counter increments applied first. */
  private void complete(Pending pending, TaskOutcome outcome) {
    // Counted before the result is handed out, so a caller that reads a counter after the results
    // sees every increment; only the delivered outcome counts, never an attempt that was retried.
    outcome.counters().forEach((name, delta) -> counters.tell(new CounterOwner.Add(name, delta)));
    pending.submit().result().complete(outcome);
  }

  private Behavior<Command> onWorkerStopped(WorkerStopped stopped) {
    registered--;
    idle.remove(stopped.worker());
    Iterator<InFlight> running = inFlight.values().iterator();
    while (running.hasNext()) {
      InFlight task = running.next();
      if (task.worker().equals(stopped.worker())) {
        running.remove();
        requeueLost(task.pending().lostOnce());
      }
    }
    dispatch();
    return this;
  }

  private void requeueLost(Pending lost) {
    if (lost.deliveries() < retries.maxDeliveries()) {
      queue.addFirst(lost);
      return;
    }
    complete(
        lost,
        new TaskOutcome(
            lost.id(),
            null,
            RetryPolicy.WORKER_LOST,
            "the worker running this task stopped "
                + lost.deliveries()
                + " times (actorlab.tasks.max-deliveries); is the task killing its worker?",
            0,
            0,
            Map.of()));
  }

  private Behavior<Command> onReadCounter(ReadCounter read) {
    counters.tell(new CounterOwner.Read(read.name(), read.replyTo()));
    return this;
  }

  private Behavior<Command> onPostStop() {
    IllegalStateException closed =
        new IllegalStateException("the worker pool was closed before this task finished");
    queue.forEach(pending -> pending.submit().result().completeExceptionally(closed));
    inFlight.values().forEach(task -> task.pending().submit().result().completeExceptionally(closed));
    IllegalStateException stopped =
        new IllegalStateException("the worker pool was closed before its workers were ready");
    waiting.forEach(await -> await.ready().completeExceptionally(stopped));
    return this;
  }

  private void dispatch() {
    while (!queue.isEmpty() && !idle.isEmpty()) {
      Pending next = queue.pollFirst();
      ActorRef<Worker.Command> worker = idle.pollFirst();
      inFlight.put(next.id(), new InFlight(next, worker));
      worker.tell(new Worker.Run(next.id(), next.submit().taskClass(), next.submit().input()));
    }
  }
}
