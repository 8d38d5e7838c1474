package io.actorlab.actor;

import io.actorlab.serialization.CrossesBoundary;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Runs one task at a time and pulls the next from the {@link Coordinator}: it announces itself once, and
 * every result it sends back doubles as a request for more work. So a worker is never sent more than it
 * can do, whether it lives in the coordinator's JVM or in another one.
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

  /** Run one task. */
  public record Run(long taskId, String taskClass, Object input) implements Command, CrossesBoundary {}

  /** A blocking task run elsewhere has ended; never leaves this JVM. */
  private record Finished(TaskOutcome outcome) implements Command, NoSerializationVerificationNeeded {}

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
  private TaskRunner runner;
  private int tasksRun;
  /** Runs that came while a blocking task ran elsewhere (see prefetch): they wait their turn. */
  private final ArrayDeque<Run> waiting = new ArrayDeque<>();
  private boolean busy;

  /**
   * A worker for a coordinator.
   *
   * @param coordinator where to pull work from and send results to
   * @param runners makes the task runner that runs the task code, again at every renewal
   * @param blockingExecutor where tasks that declare themselves blocking run, or null to run them inline
   * @param maxTasks tasks run before the worker is renewed, or 0 for never
   * @param renewal how it is renewed
   */
  public static Behavior<Command> create(
      ActorRef<Coordinator.Command> coordinator,
      Supplier<TaskRunner> runners,
      Executor blockingExecutor,
      int maxTasks,
      Renewal renewal) {
    return Behaviors.setup(
        context -> new Worker(context, coordinator, runners, blockingExecutor, maxTasks, renewal));
  }

  private Worker(
      ActorContext<Command> context,
      ActorRef<Coordinator.Command> coordinator,
      Supplier<TaskRunner> runners,
      Executor blockingExecutor,
      int maxTasks,
      Renewal renewal) {
    super(context);
    this.coordinator = coordinator;
    this.runners = runners;
    this.blockingExecutor = blockingExecutor;
    this.maxTasks = maxTasks;
    this.renewal = renewal;
    this.runner = runners.get();
    coordinator.tell(new Coordinator.WorkerReady(context.getSelf()));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Run.class, this::onRun)
        .onMessage(Finished.class, this::onFinished)
        .build();
  }

  private Behavior<Command> onRun(Run run) {
    if (busy) {
      waiting.addLast(run); // one task at a time, even when several were handed over
      return this;
    }
    TaskRunner current = runner;
    if (blockingExecutor != null && current.isBlocking(run.taskClass())) {
      busy = true;
      getContext()
          .pipeToSelf(
              CompletableFuture.supplyAsync(
                  () -> current.run(run.taskId(), run.taskClass(), run.input()), blockingExecutor),
              (outcome, error) -> finished(run, outcome, error));
      return this;
    }
    return done(current.run(run.taskId(), run.taskClass(), run.input()));
  }

  private static Finished finished(Run run, TaskOutcome outcome, Throwable error) {
    return new Finished(outcome != null ? outcome : TaskRunner.failure(run.taskId(), error, 0, 0));
  }

  private Behavior<Command> onFinished(Finished finished) {
    busy = false;
    Behavior<Command> next = done(finished.outcome());
    while (next == this && !busy && !waiting.isEmpty()) {
      next = onRun(waiting.pollFirst());
    }
    return next;
  }

  /** Reports a run, and renews this worker when it has run its share. */
  private Behavior<Command> done(TaskOutcome outcome) {
    tasksRun++;
    boolean renew = maxTasks > 0 && tasksRun >= maxTasks;
    boolean retiring = renew && renewal == Renewal.STOP;
    coordinator.tell(new Coordinator.TaskDone(outcome, retiring));
    if (retiring) {
      return Behaviors.stopped();
    }
    if (renew) {
      runner = runners.get();
      tasksRun = 0;
    }
    return this;
  }
}
