package io.actorlab.mode;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actorlab.actor.Canceller;
import io.actorlab.actor.Coordinator;
import io.actorlab.actor.RunningTasks;
import io.actorlab.actor.TaskGuard;
import io.actorlab.actor.TaskRunner;
import io.actorlab.actor.Worker;
import io.actorlab.measure.PoolUsage;
import io.actorlab.serialization.BoundaryMeter;
import io.actorlab.serialization.Preflight;
import io.actorlab.serialization.SerializationSettings;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.slf4j.LoggerFactory;

/**
 * The {@code actors} runner: one ActorSystem in this JVM whose guardian is the {@link Coordinator}, with
 * {@code workers} {@link Worker} actors on the mode's dispatcher.
 */
final class LocalActorBackend extends CoordinatorBackend {

  private LocalActorBackend(
      ActorSystem<Coordinator.Command> system, Duration stopTimeout, Preflight preflight) {
    super(system, preflight, stopTimeout);
  }

  static LocalActorBackend start(ActorLabSettings settings, Config config) {
    ModeSettings mode = settings.mode();
    Config systemConfig =
        mode.serializeMessages()
            ? ConfigFactory.parseString("pekko.actor.serialize-messages = on").withFallback(config)
            : config;
    // Initialise SLF4J before Pekko logs anything, or it replays early messages with a warning.
    LoggerFactory.getILoggerFactory();
    RunningTasks running = new RunningTasks();
    int chunkBytes = SerializationSettings.create(config).chunkBytes();
    ActorSystem<Coordinator.Command> system =
        ActorSystem.create(
            Coordinator.create(settings.tasks(), Canceller.interrupting(running), chunkBytes),
            "actorlab",
            systemConfig);
    // Messages are serialized when the mode says so, or when -Dpekko.actor.serialize-messages=on asks
    // for it (the test suite does): then inputs and outputs are checked before they are sent.
    Preflight preflight =
        system.settings().config().getBoolean("pekko.actor.serialize-messages")
            ? Preflight.create(system)
            : Preflight.NONE;
    TaskGuard guard = mode.gil() ? new GlobalInterpreterLock() : TaskGuard.NONE;
    ClassLoader classLoader =
        ((ExtendedActorSystem) system.classicSystem()).dynamicAccess().classLoader();
    Supplier<TaskRunner> runners =
        () -> new TaskRunner(guard, classLoader, preflight::check, running);
    Executor blocking =
        mode.blockingDispatcher().equals(mode.dispatcher())
            ? null
            : system.dispatchers().lookup(DispatcherSelector.fromConfig(mode.blockingDispatcher()));
    for (int i = 1; i <= settings.workers(); i++) {
      system.systemActorOf(
          Worker.create(
              system,
              runners,
              blocking,
              settings.tasks().maxTasksPerWorker(),
              Worker.Renewal.RESTART,
              chunkBytes,
              false),
          "worker-" + i,
          DispatcherSelector.fromConfig(mode.dispatcher()));
    }
    LocalActorBackend backend =
        new LocalActorBackend(system, settings.stopTimeout(), preflight);
    try {
      backend.awaitWorkers(settings.workers(), settings.startTimeout(), () -> {}, () -> "");
      return backend;
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
  }

  @Override
  public PoolUsage usage() {
    return PoolUsage.thisJvm(BoundaryMeter.get(system).snapshot());
  }

  @Override
  public void close() {
    if (!terminate()) {
      throw new IllegalStateException("the actor system did not stop within " + stopTimeout());
    }
  }
}
