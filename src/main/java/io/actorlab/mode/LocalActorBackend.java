package io.actorlab.mode;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actorlab.actor.Coordinator;
import io.actorlab.actor.TaskGuard;
import io.actorlab.actor.TaskOutcome;
import io.actorlab.actor.TaskRunner;
import io.actorlab.actor.Worker;
import io.actorlab.measure.PoolUsage;
import io.actorlab.serialization.BoundaryMeter;
import io.actorlab.serialization.Preflight;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.slf4j.LoggerFactory;

/**
 * The {@code actors} runner: one ActorSystem in this JVM whose guardian is the {@link Coordinator}, with
 * {@code workers} {@link Worker} actors on the mode's dispatcher.
 */
final class LocalActorBackend implements PoolBackend {

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final ActorSystem<Coordinator.Command> system;
  private final Duration stopTimeout;
  private final Preflight preflight;

  private LocalActorBackend(
      ActorSystem<Coordinator.Command> system,
      Duration stopTimeout,
      Preflight preflight) {
    this.system = system;
    this.stopTimeout = stopTimeout;
    this.preflight = preflight;
  }

  static LocalActorBackend start(ActorLabSettings settings, Config config) {
    ModeSettings mode = settings.mode();
    Config systemConfig =
        mode.serializeMessages()
            ? ConfigFactory.parseString("pekko.actor.serialize-messages = on").withFallback(config)
            : config;
    // Initialise SLF4J before Pekko logs anything, or it replays early messages with a warning.
    LoggerFactory.getILoggerFactory();
    ActorSystem<Coordinator.Command> system =
        ActorSystem.create(Coordinator.create(), "actorlab", systemConfig);
    // Messages are serialized when the mode says so, or when -Dpekko.actor.serialize-messages=on asks
    // for it (the test suite does): then inputs and outputs are checked before they are sent.
    Preflight preflight =
        system.settings().config().getBoolean("pekko.actor.serialize-messages")
            ? Preflight.create(system)
            : Preflight.NONE;
    TaskGuard guard = mode.gil() ? new GlobalInterpreterLock() : TaskGuard.NONE;
    TaskRunner runner =
        new TaskRunner(
            guard,
            ((ExtendedActorSystem) system.classicSystem()).dynamicAccess().classLoader(),
            preflight::check);
    Executor blocking =
        mode.blockingDispatcher().equals(mode.dispatcher())
            ? null
            : system.dispatchers().lookup(DispatcherSelector.fromConfig(mode.blockingDispatcher()));
    for (int i = 1; i <= settings.workers(); i++) {
      system.systemActorOf(
          Worker.create(system, runner, blocking),
          "worker-" + i,
          DispatcherSelector.fromConfig(mode.dispatcher()));
    }
    LocalActorBackend backend =
        new LocalActorBackend(system, settings.stopTimeout(), preflight);
    backend.awaitWorkers(settings.workers(), settings.startTimeout());
    return backend;
  }

  /** Waits until every worker has announced itself, so that start-up never counts as task time. */
  private void awaitWorkers(int workers, Duration timeout) {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    system.tell(new Coordinator.AwaitWorkers(workers, ready));
    try {
      ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while the workers started", e);
    } catch (ExecutionException | TimeoutException e) {
      close();
      throw new IllegalStateException(
          "the "
              + workers
              + " workers were not ready within "
              + timeout
              + " (actorlab.start-timeout): "
              + (e.getCause() != null ? e.getCause().getMessage() : "timed out"),
          e);
    }
  }

  @Override
  public void submit(String taskClass, Object input, CompletableFuture<TaskOutcome> result) {
    preflight.check(input);
    system.tell(new Coordinator.Submit(taskClass, input, result));
  }

  @Override
  public long readCounter(String name) {
    CompletionStage<Long> value =
        AskPattern.ask(
            system,
            replyTo -> new Coordinator.ReadCounter(name, replyTo),
            READ_TIMEOUT,
            system.scheduler());
    try {
      return value.toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading counter " + name, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not read counter " + name, e.getCause());
    }
  }

  @Override
  public PoolUsage usage() {
    return PoolUsage.thisJvm(BoundaryMeter.get(system).snapshot());
  }

  @Override
  public void close() {
    system.terminate();
    try {
      system
          .getWhenTerminated()
          .toCompletableFuture()
          .get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "the actor system did not stop within " + stopTimeout + ": " + e, e);
    }
  }
}
