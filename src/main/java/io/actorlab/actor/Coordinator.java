package io.actorlab.actor;

import io.actorlab.serialization.CrossesBoundary;
import io.actorlab.serialization.Unmetered;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Hands tasks to workers by work pulling: submitted tasks wait in a queue, and each goes to a worker that
 * has said it is idle (or, with {@link TaskPolicy#prefetch()} above 1, that has fewer than that many
 * chunks). A worker with nothing in flight is served first, and a chunk is queued at a busy worker only
 * while more than {@value #PREFETCH_QUEUED_PER_WORKER} tasks per worker wait: prefetch hides the round
 * trip to the next task while there is plenty of work, and stops near the end of a run, whose last
 * tasks go to whichever worker frees first (a chunk already queued behind a slow task still waits for
 * it, unless the worker has an {@link Inbox}: then, once nothing is left to hand out and a worker is
 * free, the coordinator asks for such a chunk back, not begun ({@link Worker.Release}), and hands it to
 * the free worker). The coordinator neither knows nor cares whether its workers share its JVM.
 *
 * <p>Every submitted task ends: with the worker's outcome, or, when the coordinator stops first, with an
 * exception saying so. A task that throws runs again up to {@link TaskPolicy#maxAttempts()} times. A
 * worker that stops while running a task has that task put back at the head of the queue, up to {@link
 * TaskPolicy#maxDeliveries()} times; a late answer from a worker thought lost is ignored, so each task
 * is answered exactly once.
 *
 * <p>A run that takes longer than {@link TaskPolicy#timeout()} is stopped through the {@link Canceller}
 * and ends as {@link TaskPolicy#TIMED_OUT} (or runs again, as a failed attempt); whatever it sends later
 * is discarded. Its worker takes no work until it has answered or stopped, so a task that ignores the
 * interrupt keeps its worker busy: it is reported stuck.
 *
 * <p>Tasks go to a worker in chunks of up to {@link TaskPolicy#batchSize()} (with {@code auto}, of the
 * size {@link AutoBatch} picks from the time of the chunks before), which it runs in order
 * and answers in one message, so that small tasks do not each pay a message both ways; a prefetch slot
 * holds one chunk. Each task of a chunk is still answered, retried, timed and taken back on its own.
 * Each worker's tasks in flight form a line in the order it runs them; only the head of the line is
 * timed, from when the task before it answered (with a timeout, workers answer task by task), so a
 * task waiting behind another never times out.
 *
 * <p>Pekko delivers a message at most once. Every {@link TaskPolicy#auditInterval()} the coordinator
 * asks each worker with tasks in flight which of them it still holds ({@link Worker.Audit}); a task it
 * asked about that the worker neither holds nor has answered by the time the answer comes was lost on
 * the way, in one direction or the other, and is put back at the head of the queue, counting one
 * delivery, as for a worker that stopped.
 */
public final class Coordinator extends AbstractBehavior<Coordinator.Command> {

  /** Messages the coordinator understands. */
  public interface Command {}

  /**
   * Run a task; {@code result} completes with its outcome. Sent only from the coordinator's own JVM, so
   * it carries a future rather than a reply-to reference. {@code inputBytes} is the input's serialized
   * size as checked at submit (0 when messages are not serialized): it bounds the chunks.
   */
  public record Submit(
      String taskClass, Object input, int inputBytes, CompletableFuture<TaskOutcome> result)
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

  /**
   * No worker will come any more (every worker JVM has died and none replaces them): every task waiting
   * for one, and every task submitted from now on, ends FAILED with {@link TaskPolicy#NO_WORKERS} and
   * {@code reason}, rather than waiting forever.
   */
  public record NoWorkersLeft(String reason)
      implements Command, NoSerializationVerificationNeeded {}

  /**
   * A worker is ready for its first task; its chunks and audits go to {@code inbox}: an {@link Inbox}
   * of its own, or the worker itself.
   */
  public record WorkerReady(ActorRef<Worker.Command> worker, ActorRef<Worker.Command> inbox)
      implements Command, CrossesBoundary {}

  /**
   * {@code worker}'s inbox gave these tasks back, not begun, in their order, as asked by a {@link
   * Worker.Release}.
   */
  public record Released(ActorRef<Worker.Command> worker, List<Long> taskIds)
      implements Command, Unmetered {}

  /**
   * A worker finished tasks, in the order it ran them, and is ready for more once a chunk is over,
   * unless it is {@code retiring}: then it has run its {@link TaskPolicy#maxTasksPerWorker()} tasks and
   * stops, and its node replaces it.
   */
  public record TaskDone(List<TaskOutcome> outcomes, boolean retiring)
      implements Command, CrossesBoundary {}

  /**
   * The tasks {@code worker} still holds, in answer to its {@link Worker.Audit} of {@code round}: queued
   * there, running, or run but not yet answered.
   */
  public record Holding(ActorRef<Worker.Command> worker, long round, List<Long> held)
      implements Command, Unmetered {}

  /** Time to audit the workers with tasks in flight. */
  private enum AuditTick implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  /**
   * An audit sent and not yet answered: its round, the tasks in flight at the worker then, and when it
   * was sent.
   */
  private record OpenAudit(long round, List<Long> asked, long sentNanos) {}

  /**
   * Audit intervals after which an audit still unanswered is sent again, as a new round: the audit or
   * its answer may have been lost too. A worker busy with a long task answers every round once it is
   * done; only the answer to the latest counts.
   */
  private static final int AUDIT_RESEND_AFTER = 3;

  /** Queued tasks per registered worker above which a busy worker is handed a prefetched chunk. */
  private static final int PREFETCH_QUEUED_PER_WORKER = 2;

  /** A run has taken longer than the timeout. */
  private record TimedOut(long taskId) implements Command, NoSerializationVerificationNeeded {}

  /** A run that was asked to stop at its timeout has had its grace. */
  private record GraceOver(long taskId) implements Command, NoSerializationVerificationNeeded {}

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

  /**
   * Tasks of one chunk not yet answered; the worker's prefetch slot frees when none is left. Its size
   * and hand-off time feed {@link AutoBatch}.
   */
  private static final class Chunk {
    int unanswered;
    int size;
    long handedOffNanos;
    long firstTaskId;
    /** Asked back from its worker's inbox, which has not answered yet. */
    boolean releasing;
  }

  private record InFlight(Pending pending, ActorRef<Worker.Command> worker, Chunk chunk) {}

  /** A run stopped at its timeout, whose worker has not yet answered or stopped. */
  private record Abandoned(
      Pending pending, ActorRef<Worker.Command> worker, Chunk chunk, String action) {}

  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  /** One entry per task a worker may take now: prefetch entries for a worker with nothing to do. */
  private final ArrayDeque<ActorRef<Worker.Command>> idle = new ArrayDeque<>();
  private final Map<Long, InFlight> inFlight = new HashMap<>();
  /** Each worker's tasks in flight, in the order it runs them. */
  private final Map<ActorRef<Worker.Command>, ArrayDeque<Long>> lines = new HashMap<>();
  /** Where each worker's chunks and audits go: its inbox, when it has one. */
  private final Map<ActorRef<Worker.Command>, ActorRef<Worker.Command>> inboxes = new HashMap<>();
  private final Map<Long, Abandoned> abandoned = new HashMap<>();
  /** Abandoned runs whose outcome waits for the interrupt grace: do they stop, or are they stuck? */
  private final Map<Long, Abandoned> undecided = new HashMap<>();
  private final List<AwaitWorkers> waiting = new ArrayList<>();
  private int registered;
  /** Why no worker will come any more, once that is so; null while workers may come. */
  private String noWorkers;
  private final ActorRef<CounterOwner.Command> counters;
  private final TaskPolicy policy;
  private final int chunkBytes;
  private final AutoBatch autoBatch = new AutoBatch();
  private final Canceller canceller;
  private final TimerScheduler<Command> timers;
  private long nextId;
  private final Map<ActorRef<Worker.Command>, OpenAudit> audits = new HashMap<>();
  private long auditRound;

  /**
   * A coordinator with no workers yet; workers join by sending {@link WorkerReady}.
   *
   * @param policy how failed, lost and hanging tasks are handled
   * @param canceller how a task past its timeout is stopped
   * @param chunkBytes the serialized input bytes a chunk may carry past its first task (see {@link
   *     io.actorlab.serialization.SerializationSettings#chunkBytes()}), so a chunk always fits a message
   */
  public static Behavior<Command> create(TaskPolicy policy, Canceller canceller, int chunkBytes) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> new Coordinator(context, policy, canceller, chunkBytes, timers)));
  }

  private Coordinator(
      ActorContext<Command> context,
      TaskPolicy policy,
      Canceller canceller,
      int chunkBytes,
      TimerScheduler<Command> timers) {
    super(context);
    context.setLoggerName(Coordinator.class); // else its warnings are logged as Pekko's ActorCell
    this.policy = policy;
    this.chunkBytes = chunkBytes;
    this.canceller = canceller;
    this.timers = timers;
    counters = context.spawn(CounterOwner.create(), "counters");
    timers.startTimerWithFixedDelay(AuditTick.INSTANCE, policy.auditInterval());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Submit.class, this::onSubmit)
        .onMessage(AwaitWorkers.class, this::onAwaitWorkers)
        .onMessage(WorkerReady.class, this::onWorkerReady)
        .onMessage(NoWorkersLeft.class, this::onNoWorkersLeft)
        .onMessage(TaskDone.class, this::onTaskDone)
        .onMessage(Released.class, this::onReleased)
        .onMessage(WorkerStopped.class, this::onWorkerStopped)
        .onMessage(TimedOut.class, this::onTimedOut)
        .onMessage(GraceOver.class, this::onGraceOver)
        .onMessage(ReadCounter.class, this::onReadCounter)
        .onMessage(AuditTick.class, tick -> onAuditTick())
        .onMessage(Holding.class, this::onHolding)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private Behavior<Command> onSubmit(Submit submit) {
    queue.addLast(new Pending(nextId++, submit, 0, 0));
    dispatch();
    return this;
  }

  private Behavior<Command> onNoWorkersLeft(NoWorkersLeft left) {
    noWorkers = left.reason();
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
    inboxes.put(ready.worker(), ready.inbox());
    for (int slot = 0; slot < policy.prefetch(); slot++) {
      idle.addLast(ready.worker());
    }
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
    ActorRef<Worker.Command> worker = null;
    for (TaskOutcome outcome : done.outcomes()) {
      ActorRef<Worker.Command> ranOn = answered(outcome);
      worker = ranOn != null ? ranOn : worker;
    }
    if (done.retiring() && worker != null) {
      // It leaves the pool; the tasks still queued at it go back to the head of the queue (it never
      // ran them).
      getContext().unwatch(worker);
      audits.remove(worker);
      inboxes.remove(worker);
      registered--;
      idle.removeIf(worker::equals);
      takeBack(worker, false);
    }
    dispatch();
    return this;
  }

  /**
   * Takes one outcome in: delivered, or queued again to retry; a late one of a run stopped at its
   * timeout is discarded.
   *
   * @return the worker that ran the task, or null for a late duplicate of a task already answered
   */
  private ActorRef<Worker.Command> answered(TaskOutcome outcome) {
    long taskId = outcome.taskId();
    InFlight finished = inFlight.remove(taskId);
    if (finished != null) {
      timers.cancel(taskId);
      leaveLine(finished.worker(), taskId);
      chunkAnswered(finished.worker(), finished.chunk());
      Pending pending = finished.pending().failedOnce();
      if (!outcome.succeeded() && pending.attempts() < policy.maxAttempts()) {
        queue.addLast(pending); // tried again later, by whichever worker is free
      } else {
        complete(pending, outcome);
      }
      return finished.worker();
    }
    Abandoned late = abandoned.remove(taskId);
    if (late == null) {
      return null;
    }
    // The run stopped after its timeout: its result is discarded, its worker goes on.
    chunkAnswered(late.worker(), late.chunk());
    if (undecided.remove(taskId) != null) {
      timedOut(late, "it stopped");
    }
    return late.worker();
  }

  /** One more task of {@code chunk} has answered; when it was the last, the worker's slot is free. */
  private void chunkAnswered(ActorRef<Worker.Command> worker, Chunk chunk) {
    if (--chunk.unanswered == 0) {
      idle.addLast(worker);
      if (policy.autoBatch()) {
        autoBatch.answered(chunk.size, System.nanoTime() - chunk.handedOffNanos);
      }
    }
  }

  /** A task has left {@code worker}'s line; the task now at its head is timed from now. */
  private void leaveLine(ActorRef<Worker.Command> worker, long taskId) {
    ArrayDeque<Long> line = lines.get(worker);
    if (line != null) {
      line.remove(taskId);
      timeHead(line);
    }
  }

  /** Starts the timeout of the task at the head of a line, unless it already runs or none is set. */
  private void timeHead(ArrayDeque<Long> line) {
    Long head = line.peekFirst();
    if (policy.hasTimeout() && head != null && !timers.isTimerActive(head)) {
      timers.startSingleTimer(head, new TimedOut(head), policy.timeout());
    }
  }

  /**
   * Puts the tasks in flight at {@code worker} back at the head of the queue, in their order; when it
   * stopped under them ({@code lost}), each counts one delivery.
   */
  private void takeBack(ActorRef<Worker.Command> worker, boolean lost) {
    ArrayDeque<Long> line = lines.remove(worker);
    if (line == null) {
      return;
    }
    Iterator<Long> lastFirst = line.descendingIterator();
    while (lastFirst.hasNext()) {
      long taskId = lastFirst.next();
      timers.cancel(taskId);
      Pending pending = inFlight.remove(taskId).pending();
      if (lost) {
        requeueLost(pending.lostOnce());
      } else {
        queue.addFirst(pending);
      }
    }
  }

  private Behavior<Command> onTimedOut(TimedOut timedOut) {
    long taskId = timedOut.taskId();
    InFlight running = inFlight.get(taskId);
    if (running == null) {
      return this; // answered meanwhile
    }
    Canceller.Cancellation cancellation = canceller.cancel(taskId, running.worker());
    if (cancellation.effect() == Canceller.Effect.NOT_RUNNING) {
      timers.startSingleTimer(taskId, timedOut, policy.timeout());
      return this;
    }
    inFlight.remove(taskId);
    leaveLine(running.worker(), taskId);
    Abandoned stopped =
        new Abandoned(
            running.pending().failedOnce(),
            running.worker(),
            running.chunk(),
            cancellation.action());
    abandoned.put(taskId, stopped);
    if (cancellation.effect() == Canceller.Effect.STOPPED) {
      timedOut(stopped, "");
    } else {
      undecided.put(taskId, stopped);
      GraceOver grace = new GraceOver(taskId);
      timers.startSingleTimer(grace, grace, policy.interruptGrace());
    }
    dispatch();
    return this;
  }

  private Behavior<Command> onGraceOver(GraceOver grace) {
    Abandoned stopped = undecided.remove(grace.taskId());
    if (stopped == null) {
      return this; // it stopped, or its worker did
    }
    if (canceller.stillRunning(grace.taskId())) {
      getContext()
          .getLog()
          .warn(
              "task {} ({}) ignored the interrupt at its timeout and is still running on {}: a"
                  + " thread cannot be killed, so that worker takes no work until the task returns."
                  + " A processes mode kills the worker JVM instead.",
              grace.taskId(),
              stopped.pending().submit().taskClass(),
              stopped.worker());
      timedOut(
          stopped,
          "it ignored the interrupt and is stuck: a thread cannot be killed, so its worker takes"
              + " no work until the task returns");
    } else {
      timedOut(stopped, "it stopped");
    }
    dispatch();
    return this;
  }

  /** Ends a run stopped at its timeout: tried again when attempts are left, else TIMED_OUT. */
  private void timedOut(Abandoned stopped, String what) {
    Pending pending = stopped.pending();
    if (pending.attempts() < policy.maxAttempts()) {
      // A fresh id: the abandoned run may still answer under the old one.
      queue.addLast(new Pending(nextId++, pending.submit(), pending.attempts(), pending.deliveries()));
      return;
    }
    complete(
        pending,
        policy.timedOut(pending.id(), stopped.action() + (what.isEmpty() ? "" : " and " + what)));
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
    audits.remove(stopped.worker());
    inboxes.remove(stopped.worker());
    idle.removeIf(stopped.worker()::equals);
    takeBack(stopped.worker(), true);
    Iterator<Abandoned> late = abandoned.values().iterator();
    while (late.hasNext()) {
      Abandoned task = late.next();
      if (task.worker().equals(stopped.worker())) {
        late.remove();
        if (undecided.remove(task.pending().id()) != null) {
          timedOut(task, "its worker stopped");
        }
      }
    }
    dispatch();
    return this;
  }

  /**
   * Asks each worker with tasks in flight which of them it holds, unless an audit of it is open and
   * younger than {@link #AUDIT_RESEND_AFTER} intervals.
   */
  private Behavior<Command> onAuditTick() {
    long now = System.nanoTime();
    long resendAfter = policy.auditInterval().toNanos() * AUDIT_RESEND_AFTER;
    lines.forEach(
        (worker, line) -> {
          OpenAudit open = audits.get(worker);
          if (!line.isEmpty() && (open == null || now - open.sentNanos() > resendAfter)) {
            audits.put(worker, new OpenAudit(++auditRound, List.copyOf(line), now));
            inbox(worker).tell(new Worker.Audit(auditRound));
          }
        });
    return this;
  }

  /**
   * Hands out again the tasks asked about that are still in flight at the worker but that it does not
   * hold: its answer came after every answer it sent before, so their messages were lost.
   */
  private Behavior<Command> onHolding(Holding holding) {
    ActorRef<Worker.Command> worker = holding.worker();
    OpenAudit audit = audits.get(worker);
    if (audit == null || audit.round() != holding.round()) {
      return this; // its worker left or stopped meanwhile, or a later round was sent
    }
    audits.remove(worker);
    Set<Long> held = new HashSet<>(holding.held());
    List<Long> lost = new ArrayList<>();
    for (long taskId : audit.asked()) {
      InFlight task = inFlight.get(taskId);
      if (task != null && task.worker().equals(worker) && !held.contains(taskId)) {
        if (task.chunk().releasing) {
          // Given back by its inbox, whose answer is on the way: not lost, unless the next audit
          // finds it neither held nor given back.
          task.chunk().releasing = false;
        } else {
          lost.add(taskId);
        }
      }
    }
    if (lost.isEmpty()) {
      return this;
    }
    getContext()
        .getLog()
        .warn(
            "tasks {} were neither answered by {} nor held there: a message to or from it was lost;"
                + " handing them out again",
            lost,
            worker);
    for (int i = lost.size() - 1; i >= 0; i--) { // each goes to the head: keep their order
      requeueLost(withdraw(lost.get(i)).lostOnce());
    }
    dispatch();
    return this;
  }

  /**
   * Takes a task in flight back from its worker before it answered: its timer goes, and its place in
   * the worker's line; when it was the last of its chunk, the chunk's slot is free.
   */
  private Pending withdraw(long taskId) {
    InFlight task = inFlight.remove(taskId);
    timers.cancel(taskId);
    leaveLine(task.worker(), taskId);
    if (--task.chunk().unanswered == 0) {
      idle.addLast(task.worker()); // no chunk time to learn from
    }
    return task.pending();
  }

  private void requeueLost(Pending lost) {
    if (lost.deliveries() < policy.maxDeliveries()) {
      queue.addFirst(lost);
      return;
    }
    complete(
        lost,
        TaskOutcome.failed(
            lost.id(),
            TaskPolicy.WORKER_LOST,
            "the worker running this task stopped, or a message of the task was lost, "
                + lost.deliveries()
                + " times (actorlab.tasks.max-deliveries); is the task killing its worker?"));
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
    undecided.values().forEach(task -> task.pending().submit().result().completeExceptionally(closed));
    IllegalStateException stopped =
        new IllegalStateException("the worker pool was closed before its workers were ready");
    waiting.forEach(await -> await.ready().completeExceptionally(stopped));
    return this;
  }

  /**
   * Hands queued tasks to free workers, a chunk per free slot: up to batch-size tasks (with {@code
   * auto}, as many as {@link AutoBatch} says), and no more than chunkBytes of inputs past the first
   * task.
   */
  private void dispatch() {
    if (noWorkers != null && registered == 0) {
      // Tasks taken back from workers that stopped meanwhile come here too.
      while (!queue.isEmpty()) {
        Pending orphan = queue.pollFirst();
        complete(orphan, TaskOutcome.failed(orphan.id(), TaskPolicy.NO_WORKERS, noWorkers));
      }
      return;
    }
    while (!queue.isEmpty() && !idle.isEmpty()) {
      ActorRef<Worker.Command> worker = nextSlot();
      if (worker == null) {
        return; // only prefetch slots are free, and too few tasks wait to fill them
      }
      Chunk chunk = new Chunk();
      List<Worker.Assignment> tasks = new ArrayList<>();
      ArrayDeque<Long> line = lines.computeIfAbsent(worker, idleWorker -> new ArrayDeque<>());
      long bytes = 0;
      int size = policy.autoBatch() ? autoBatch.next(queue.size(), registered) : policy.batchSize();
      while (tasks.size() < size && !queue.isEmpty()) {
        Submit submit = queue.peekFirst().submit();
        bytes += submit.inputBytes() + submit.taskClass().length();
        if (!tasks.isEmpty() && bytes > chunkBytes) {
          break;
        }
        Pending next = queue.pollFirst();
        chunk.unanswered++;
        inFlight.put(next.id(), new InFlight(next, worker, chunk));
        line.addLast(next.id());
        tasks.add(
            new Worker.Assignment(next.id(), next.submit().taskClass(), next.submit().input()));
      }
      chunk.size = tasks.size();
      chunk.handedOffNanos = System.nanoTime();
      chunk.firstTaskId = tasks.get(0).taskId();
      timeHead(line);
      inbox(worker).tell(new Worker.Run(tasks, policy.hasTimeout()));
    }
    if (queue.isEmpty()) {
      askBackQueuedChunks();
    }
  }

  private ActorRef<Worker.Command> inbox(ActorRef<Worker.Command> worker) {
    return inboxes.getOrDefault(worker, worker);
  }

  /**
   * With nothing left to hand out and workers free, asks busy workers' inboxes to give back chunks
   * queued behind the one they run, one per free worker: such a chunk would otherwise wait for a slow
   * task while a worker idles.
   */
  private void askBackQueuedChunks() {
    long free = idle.stream().distinct().filter(this::hasNothingInFlight).count();
    if (free == 0) {
      return;
    }
    List<Chunk> queued = new ArrayList<>();
    long asked = 0;
    for (Map.Entry<ActorRef<Worker.Command>, ArrayDeque<Long>> entry : lines.entrySet()) {
      ActorRef<Worker.Command> worker = entry.getKey();
      if (inbox(worker).equals(worker) || entry.getValue().isEmpty()) {
        continue; // no inbox: its chunks wait in its mailbox, out of reach while it runs a task
      }
      Chunk head = inFlight.get(entry.getValue().peekFirst()).chunk();
      for (long taskId : entry.getValue()) {
        Chunk chunk = inFlight.get(taskId).chunk();
        if (chunk != head && chunk.firstTaskId == taskId) {
          if (chunk.releasing) {
            asked++;
          } else {
            queued.add(chunk);
          }
        }
      }
    }
    for (Chunk chunk : queued) {
      if (asked >= free) {
        return;
      }
      chunk.releasing = true;
      asked++;
      inbox(inFlight.get(chunk.firstTaskId).worker()).tell(new Worker.Release(chunk.firstTaskId));
    }
  }

  /**
   * Puts the tasks an inbox gave back at the head of the queue, in their order (they never ran, so
   * this counts no delivery), frees the slot their chunk held, and hands them out again.
   */
  private Behavior<Command> onReleased(Released released) {
    // Not those taken back meanwhile: its worker stopped, or an audit found them lost.
    List<Long> back =
        released.taskIds().stream()
            .filter(taskId -> inFlight.containsKey(taskId))
            .filter(taskId -> inFlight.get(taskId).worker().equals(released.worker()))
            .toList();
    for (int i = back.size() - 1; i >= 0; i--) { // each goes to the head: keep their order
      queue.addFirst(withdraw(back.get(i)));
    }
    dispatch();
    return this;
  }

  /**
   * The free slot to fill next: one of a worker with nothing in flight first; else a prefetch slot of a
   * busy worker, while more than {@value #PREFETCH_QUEUED_PER_WORKER} tasks per worker wait; else none.
   */
  private ActorRef<Worker.Command> nextSlot() {
    Iterator<ActorRef<Worker.Command>> slots = idle.iterator();
    while (slots.hasNext()) {
      ActorRef<Worker.Command> worker = slots.next();
      if (hasNothingInFlight(worker)) {
        slots.remove();
        return worker;
      }
    }
    return queue.size() > PREFETCH_QUEUED_PER_WORKER * (long) Math.max(1, registered)
        ? idle.pollFirst()
        : null;
  }

  private boolean hasNothingInFlight(ActorRef<Worker.Command> worker) {
    ArrayDeque<Long> line = lines.get(worker);
    return line == null || line.isEmpty();
  }
}
