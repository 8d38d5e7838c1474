package io.actorlab.actor;

import io.actorlab.serialization.CrossesBoundary;
import io.actorlab.serialization.Unmetered;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Runs one task at a time and pulls the next from the {@link Coordinator}: it announces itself once, and
 * every result it sends back doubles as a request for more work. So a worker is never sent more than it
 * can do, whether it lives in the coordinator's JVM or in another one.
 *
 * <p>Tasks come in chunks ({@link Run}, see {@code actorlab.tasks.batch-size}): the tasks of a chunk run
 * one after the other and their outcomes go back in one {@link Coordinator.TaskDone}, so one message
 * each way carries many small tasks. When the coordinator times tasks ({@link Run#answerEach()}), each
 * outcome goes back as soon as it is known instead, so that the coordinator knows when the next task of
 * the chunk started.
 *
 * <p>A worker in a worker JVM takes its chunks through an {@link Inbox}, which holds the ones sent
 * ahead (prefetch) while the worker runs a task, hands over the next when the worker says it is done,
 * and can give one not yet begun back to the coordinator.
 *
 * <p>Task code runs inline, on the dispatcher the worker was spawned on, unless the task declares itself
 * blocking and a separate executor for blocking work was given: then it runs there, so waiting tasks never
 * occupy the threads that computing tasks need.
 *
 * <p>After {@code maxTasks} tasks (when not 0) a worker is renewed, as Python's {@code
 * max_tasks_per_child} renews a process: in one JVM it starts over with a new {@link TaskRunner}, so
 * with new task instances; in a worker JVM it stops (see {@link Renewal}), and the node leaves once all
 * its workers have.
 */
public final class Worker extends AbstractBehavior<Worker.Command> {

  /** Messages a worker understands. */
  public interface Command {}

  /**
   * Run these tasks, in order, one at a time.
   *
   * @param tasks the chunk: one task or more
   * @param answerEach send each outcome as soon as it is known, rather than all of them at the end
   */
  public record Run(List<Assignment> tasks, boolean answerEach) implements Command, CrossesBoundary {}

  /** One task of a {@link Run}: the coordinator's id, the task's class name and its input. */
  public record Assignment(long taskId, String taskClass, Object input) implements CrossesBoundary {}

  /**
   * Which of its tasks does this worker still hold (queued, running, or run but not yet answered)?
   * Answered with a {@link Coordinator.Holding}. It comes after every {@link Run} the coordinator sent
   * before it, and the answer goes after every answer sent before it, so a task that is neither held
   * nor answered was lost on the way, in one direction or the other.
   *
   * @param round the coordinator's audit round
   * @param held tasks held for the worker by its {@link Inbox} when it passed the audit on; none as
   *     the coordinator sends it
   */
  public record Audit(long round, List<Long> held) implements Command, Unmetered {

    /** An audit as the coordinator sends it. */
    public Audit(long round) {
      this(round, List.of());
    }
  }

  /**
   * Give back the chunk whose first task is {@code firstTaskId} if it has not begun: another worker is
   * free. Only a worker with an {@link Inbox} can, since the inbox holds its chunks while it runs a
   * task; it answers with a {@link Coordinator.Released}, or not at all when the chunk has begun.
   */
  public record Release(long firstTaskId) implements Command, Unmetered {}

  /** The worker's chunks are over: its inbox hands it the next one it holds, now or when it comes. */
  enum Next implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  /** A blocking task run elsewhere has ended; never leaves this JVM. */
  private record Finished(TaskRunner.Ran ran) implements Command, NoSerializationVerificationNeeded {}

  /** What a worker does once it has run its {@code maxTasks} tasks. */
  public enum Renewal {
    /** Go on with a new task runner: the renewal of a worker in one JVM. */
    RESTART,
    /** Stop, leaving the pool: the node it runs on renews itself. */
    STOP
  }

  private final ActorRef<Coordinator.Command> coordinator;
  private final Supplier<TaskRunner> runners;
  private final Executor blockingExecutor;
  private final int maxTasks;
  private final Renewal renewal;
  private final int chunkBytes;
  /** Holds this worker's chunks while it runs a task, or null: they then wait in its own mailbox. */
  private final ActorRef<Command> inbox;
  private TaskRunner runner;
  private int tasksRun;
  /** Chunks not yet begun (see prefetch): they wait their turn. */
  private final ArrayDeque<Run> waiting = new ArrayDeque<>();
  /**
   * The chunk being run, or null; the index of its next task to start, and of its first task whose
   * outcome has not been sent.
   */
  private Run current;
  private int next;
  private int unsent;
  /** Outcomes of the current chunk not yet sent, and the serialized size of their outputs. */
  private List<TaskOutcome> answered = new ArrayList<>();
  private long answeredBytes;
  /** A blocking task of the current chunk runs elsewhere. */
  private boolean busy;

  /**
   * A worker for a coordinator.
   *
   * @param coordinator where to pull work from and send results to
   * @param runners makes the task runner that runs the task code, again at every renewal
   * @param blockingExecutor where tasks that declare themselves blocking run, or null to run them inline
   * @param maxTasks tasks run before the worker is renewed, or 0 for never
   * @param renewal how it is renewed
   * @param chunkBytes the serialized output bytes one answer may carry past its first outcome (see
   *     {@link io.actorlab.serialization.SerializationSettings#chunkBytes()}); a chunk whose outputs
   *     are larger is answered in several messages
   * @param withInbox true to take chunks through an {@link Inbox} on Pekko's default dispatcher, which
   *     hands over the next one without a round trip to the coordinator and can give back one not yet
   *     begun while a task runs: for a worker in a worker JVM, which gets chunks ahead (prefetch)
   */
  public static Behavior<Command> create(
      ActorRef<Coordinator.Command> coordinator,
      Supplier<TaskRunner> runners,
      Executor blockingExecutor,
      int maxTasks,
      Renewal renewal,
      int chunkBytes,
      boolean withInbox) {
    return Behaviors.setup(
        context ->
            new Worker(
                context,
                coordinator,
                runners,
                blockingExecutor,
                maxTasks,
                renewal,
                chunkBytes,
                withInbox));
  }

  private Worker(
      ActorContext<Command> context,
      ActorRef<Coordinator.Command> coordinator,
      Supplier<TaskRunner> runners,
      Executor blockingExecutor,
      int maxTasks,
      Renewal renewal,
      int chunkBytes,
      boolean withInbox) {
    super(context);
    this.chunkBytes = chunkBytes;
    this.coordinator = coordinator;
    this.runners = runners;
    this.blockingExecutor = blockingExecutor;
    this.maxTasks = maxTasks;
    this.renewal = renewal;
    this.runner = runners.get();
    this.inbox =
        withInbox
            ? context.spawn(
                Inbox.create(context.getSelf(), coordinator),
                "inbox",
                DispatcherSelector.defaultDispatcher())
            : null;
    coordinator.tell(
        new Coordinator.WorkerReady(context.getSelf(), inbox != null ? inbox : context.getSelf()));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Run.class, this::onRun)
        .onMessage(Finished.class, this::onFinished)
        .onMessage(Audit.class, this::onAudit)
        .build();
  }

  private Behavior<Command> onRun(Run run) {
    waiting.addLast(run);
    return proceed();
  }

  /** Runs tasks, one at a time, until none is left or a blocking one runs elsewhere. */
  private Behavior<Command> proceed() {
    while (!busy) {
      if (current == null) {
        current = waiting.pollFirst();
        next = 0;
        unsent = 0;
        if (current == null) {
          if (inbox != null) {
            inbox.tell(Next.INSTANCE);
          }
          return this;
        }
      }
      Assignment task = current.tasks().get(next++);
      TaskRunner runner = this.runner;
      if (blockingExecutor != null && runner.isBlocking(task.taskClass())) {
        busy = true;
        getContext()
            .pipeToSelf(
                CompletableFuture.supplyAsync(
                    () -> runner.runSized(task.taskId(), task.taskClass(), task.input()),
                    blockingExecutor),
                (outcome, error) -> finished(task, outcome, error));
        return this;
      }
      Behavior<Command> after =
          ran(runner.runSized(task.taskId(), task.taskClass(), task.input()));
      if (after != this) {
        return after;
      }
    }
    return this;
  }

  private Behavior<Command> onAudit(Audit audit) {
    List<Long> held = new ArrayList<>();
    if (current != null) {
      current.tasks().subList(unsent, current.tasks().size()).forEach(t -> held.add(t.taskId()));
    }
    waiting.forEach(run -> run.tasks().forEach(t -> held.add(t.taskId())));
    held.addAll(audit.held());
    coordinator.tell(new Coordinator.Holding(getContext().getSelf(), audit.round(), held));
    return this;
  }

  private static Finished finished(Assignment task, TaskRunner.Ran ran, Throwable error) {
    return new Finished(
        ran != null ? ran : new TaskRunner.Ran(TaskRunner.failure(task.taskId(), error, 0, 0), 0));
  }

  private Behavior<Command> onFinished(Finished finished) {
    busy = false;
    Behavior<Command> after = ran(finished.ran());
    return after == this ? proceed() : after;
  }

  /**
   * Records a run, answers when its chunk is over (or at once, when asked to, or when retiring, or
   * before the outputs would outgrow a message), and renews this worker when it has run its share. A
   * retiring worker leaves the rest of its chunks to the coordinator, which hands them to others.
   */
  private Behavior<Command> ran(TaskRunner.Ran ran) {
    if (!answered.isEmpty() && answeredBytes + ran.outputBytes() > chunkBytes) {
      answer(false);
    }
    answered.add(ran.outcome());
    answeredBytes += ran.outputBytes();
    tasksRun++;
    boolean renew = maxTasks > 0 && tasksRun >= maxTasks;
    boolean retiring = renew && renewal == Renewal.STOP;
    boolean chunkOver = next == current.tasks().size();
    if (chunkOver || retiring || current.answerEach()) {
      answer(retiring);
    }
    if (chunkOver) {
      current = null;
    }
    if (retiring) {
      return Behaviors.stopped();
    }
    if (renew) {
      runner = runners.get();
      tasksRun = 0;
    }
    return this;
  }

  private void answer(boolean retiring) {
    coordinator.tell(new Coordinator.TaskDone(answered, retiring));
    unsent += answered.size();
    answered = new ArrayList<>();
    answeredBytes = 0;
  }
}
