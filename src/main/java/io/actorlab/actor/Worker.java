package io.actorlab.actor;

import io.actorlab.serialization.CrossesBoundary;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
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
 */
public final class Worker extends AbstractBehavior<Worker.Command> {

  /** Messages a worker understands. */
  public interface Command {}

  /** Run one task. */
  public record Run(long taskId, String taskClass, Object input) implements Command, CrossesBoundary {}

  /** A blocking task run elsewhere has ended; never leaves this JVM. */
  private record Finished(TaskOutcome outcome) implements Command, NoSerializationVerificationNeeded {}

  private final ActorRef<Coordinator.Command> coordinator;
  private final TaskRunner runner;
  private final Executor blockingExecutor;

  /**
   * A worker for a coordinator.
   *
   * @param coordinator where to pull work from and send results to
   * @param runner runs the task code
   * @param blockingExecutor where tasks that declare themselves blocking run, or null to run them inline
   */
  public static Behavior<Command> create(
      ActorRef<Coordinator.Command> coordinator, TaskRunner runner, Executor blockingExecutor) {
    return Behaviors.setup(
        context -> new Worker(context, coordinator, runner, blockingExecutor));
  }

  private Worker(
      ActorContext<Command> context,
      ActorRef<Coordinator.Command> coordinator,
      TaskRunner runner,
      Executor blockingExecutor) {
    super(context);
    this.coordinator = coordinator;
    this.runner = runner;
    this.blockingExecutor = blockingExecutor;
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
    if (blockingExecutor != null && runner.isBlocking(run.taskClass())) {
      getContext()
          .pipeToSelf(
              CompletableFuture.supplyAsync(
                  () -> runner.run(run.taskId(), run.taskClass(), run.input()), blockingExecutor),
              (outcome, error) -> finished(run, outcome, error));
    } else {
      coordinator.tell(
          new Coordinator.TaskDone(runner.run(run.taskId(), run.taskClass(), run.input())));
    }
    return this;
  }

  private static Finished finished(Run run, TaskOutcome outcome, Throwable error) {
    return new Finished(outcome != null ? outcome : TaskRunner.failure(run.taskId(), error, 0, 0));
  }

  private Behavior<Command> onFinished(Finished finished) {
    coordinator.tell(new Coordinator.TaskDone(finished.outcome()));
    return this;
  }
}
