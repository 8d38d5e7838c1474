package io.actorlab.cluster;

import io.actorlab.actor.Coordinator;
import io.actorlab.actor.RunningTasks;
import io.actorlab.actor.TaskGuard;
import io.actorlab.actor.TaskRunner;
import io.actorlab.actor.Worker;
import io.actorlab.serialization.Preflight;
import io.actorlab.serialization.SerializationSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The guardian of a worker JVM. Once its node is Up in the cluster it finds the run's {@link
 * Coordinator} — the cluster's coordinator node when a run spawned it, else through the receptionist — and
 * starts this node's {@link Worker} actors for it: the same actors as in one JVM. A spawned node stops
 * when its coordinator goes away, so no worker JVM outlives its run; a node started by hand stops its
 * workers and waits for the next run's coordinator. A spawned node that finds no coordinator within the
 * join timeout stops too.
 *
 * <p>With {@code actorlab.tasks.max-tasks-per-worker} set, a spawned node's workers stop after that many
 * tasks each, and once all have the node leaves the cluster and its JVM exits with {@link
 * #RETIRED_EXIT_CODE}, so the run starts a fresh JVM in its place. A node started by hand cannot be
 * replaced: its workers start over in the same JVM instead.
 */
public final class WorkerNode extends AbstractBehavior<WorkerNode.Command> {

  /** Messages the worker node's guardian understands; all of them local. */
  public interface Command {}

  private record CoordinatorListing(Receptionist.Listing listing) implements Command {}

  private record NodeUp(SelfUp up) implements Command {}

  private record WorkerStopped(ActorRef<Worker.Command> worker) implements Command {}

  /** The exit code of a worker JVM that left after its workers ran their share of tasks. */
  public static final int RETIRED_EXIT_CODE = 75;

  /** Why a node that retired shut down; see {@link #RETIRED_EXIT_CODE}. */
  public enum Retired implements CoordinatedShutdown.Reason {
    INSTANCE
  }

  private enum JoinTimedOut implements Command {
    INSTANCE
  }

  /**
   * What a worker node runs.
   *
   * @param workers worker actors on this node
   * @param dispatcher config path of their dispatcher
   * @param blockingDispatcher config path of the dispatcher for blocking tasks
   * @param joinTimeout how long to wait for a coordinator
   * @param spawned a run spawned this node, into a cluster of its own whose one coordinator node runs
   *     the coordinator as its guardian; else the node was started by hand and finds each run's
   *     coordinator through the receptionist
   * @param maxTasksPerWorker tasks each worker runs before it is renewed, or 0 for never
   */
  public record Plan(
      int workers,
      String dispatcher,
      String blockingDispatcher,
      Duration joinTimeout,
      boolean spawned,
      int maxTasksPerWorker) {}

  private final Plan plan;
  private final List<ActorRef<Worker.Command>> workers = new ArrayList<>();
  private ActorRef<Coordinator.Command> coordinator;

  /** The guardian of a worker node that carries out {@code plan}. */
  public static Behavior<Command> create(Plan plan) {
    return Behaviors.setup(
        context -> Behaviors.withTimers(timers -> new WorkerNode(context, plan, timers)));
  }

  private WorkerNode(
      ActorContext<Command> context,
      Plan plan,
      org.apache.pekko.actor.typed.javadsl.TimerScheduler<Command> timers) {
    super(context);
    this.plan = plan;
    context.spawn(NodeStats.create(), NodeStats.NAME);
    context.spawn(ClusterMonitor.create(), ClusterMonitor.NAME);
    Cluster.get(context.getSystem())
        .subscriptions()
        .tell(Subscribe.create(context.messageAdapter(SelfUp.class, NodeUp::new), SelfUp.class));
    timers.startSingleTimer(JoinTimedOut.INSTANCE, plan.joinTimeout());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(NodeUp.class, this::onNodeUp)
        .onMessage(CoordinatorListing.class, this::onListing)
        .onMessageEquals(JoinTimedOut.INSTANCE, this::onJoinTimedOut)
        .onMessage(WorkerStopped.class, this::onWorkerStopped)
        .onSignal(Terminated.class, this::onCoordinatorGone)
        .build();
  }

  /** Workers start only on a node that is Up, so the coordinator can watch them. */
  private Behavior<Command> onNodeUp(NodeUp up) {
    ActorContext<Command> context = getContext();
    if (plan.spawned()) {
      startWorkers(spawningCoordinator());
    } else {
      context
          .getSystem()
          .receptionist()
          .tell(
              Receptionist.subscribe(
                  ClusterKeys.COORDINATOR,
                  context.messageAdapter(Receptionist.Listing.class, CoordinatorListing::new)));
    }
    return this;
  }

  /** The coordinator of the run that spawned this node: the guardian of the cluster's coordinator node. */
  private ActorRef<Coordinator.Command> spawningCoordinator() {
    ActorContext<Command> context = getContext();
    for (Member member : Cluster.get(context.getSystem()).state().getMembers()) {
      if (member.hasRole(ClusterSettings.COORDINATOR_ROLE)) {
        return ActorRefResolver.get(context.getSystem())
            .resolveActorRef(member.address() + "/user");
      }
    }
    // It joined through the coordinator, which is Up before any worker: never without one.
    throw new IllegalStateException("a spawned worker node is Up in a cluster without a coordinator");
  }

  private Behavior<Command> onListing(CoordinatorListing message) {
    Set<ActorRef<Coordinator.Command>> found =
        message.listing().getServiceInstances(ClusterKeys.COORDINATOR);
    if (coordinator == null && !found.isEmpty()) {
      startWorkers(found.iterator().next());
    }
    return this;
  }

  private void startWorkers(ActorRef<Coordinator.Command> found) {
    coordinator = found;
    getContext().watch(coordinator);
    ActorContext<Command> context = getContext();
    Preflight preflight = Preflight.create(context.getSystem());
    int chunkBytes =
        SerializationSettings.create(context.getSystem().settings().config()).chunkBytes();
    ClassLoader classLoader =
        ((ExtendedActorSystem) context.getSystem().classicSystem()).dynamicAccess().classLoader();
    RunningTasks running = new RunningTasks();
    Supplier<TaskRunner> runners =
        () -> new TaskRunner(TaskGuard.NONE, classLoader, preflight::check, running);
    Worker.Renewal renewal = plan.spawned() ? Worker.Renewal.STOP : Worker.Renewal.RESTART;
    Executor blocking =
        plan.blockingDispatcher().equals(plan.dispatcher())
            ? null
            : context
                .getSystem()
                .dispatchers()
                .lookup(DispatcherSelector.fromConfig(plan.blockingDispatcher()));
    for (int i = 1; i <= plan.workers(); i++) {
      ActorRef<Worker.Command> worker =
          context.spawn(
              Worker.create(
                  coordinator,
                  runners,
                  blocking,
                  plan.maxTasksPerWorker(),
                  renewal,
                  chunkBytes,
                  true),
              "worker-" + i + "-" + coordinator.path().uid(),
              DispatcherSelector.fromConfig(plan.dispatcher()));
      context.watchWith(worker, new WorkerStopped(worker));
      workers.add(worker);
    }
    context.getLog().info("{} workers started for {}", plan.workers(), coordinator);
  }

  /** A worker stopped by itself, having run its share; when the last has, this node retires. */
  private Behavior<Command> onWorkerStopped(WorkerStopped stopped) {
    if (workers.remove(stopped.worker()) && workers.isEmpty()) {
      getContext()
          .getLog()
          .info(
              "every worker ran its {} tasks (actorlab.tasks.max-tasks-per-worker); this node"
                  + " leaves and a new one takes its place",
              plan.maxTasksPerWorker());
      CoordinatedShutdown.get(getContext().getSystem()).runAll(Retired.INSTANCE);
    }
    return this;
  }

  private Behavior<Command> onJoinTimedOut() {
    if (coordinator != null || !plan.spawned()) {
      return this; // found one, or started by hand: such a node waits for runs as long as it is up
    }
    getContext()
        .getLog()
        .error("no coordinator found within {}; this worker node stops", plan.joinTimeout());
    return Behaviors.stopped();
  }

  private Behavior<Command> onCoordinatorGone(Terminated terminated) {
    if (plan.spawned()) {
      getContext().getLog().info("the coordinator has gone; this worker node stops");
      return Behaviors.stopped();
    }
    getContext().getLog().info("the coordinator has gone; waiting for the next one");
    List<ActorRef<Worker.Command>> stopping = List.copyOf(workers);
    workers.clear(); // before they stop, so their stopping is not taken for retirement
    stopping.forEach(getContext()::stop);
    coordinator = null;
    return this;
  }
}
