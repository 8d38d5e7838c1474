package io.actorlab.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actorlab.api.ActorLab;
import io.actorlab.cluster.ClusterSettings;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.remote.RemoteActorRefProvider;
import org.apache.pekko.remote.RemoteTransport;
import org.apache.pekko.remote.transport.ThrottlerTransportAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * A task message really lost on the wire, on a connection that stays up: a coordinator and a worker in
 * two actor systems talking over Artery with Kryo, as between JVMs, and Artery's own test mode (the
 * blackhole Pekko's remoting tests use) dropping what the coordinator sends for half a second. Without
 * the audit the task would be waited for forever; with it, it is handed out again and answered.
 */
@ExtendWith(LogCapturingExtension.class)
class LostMessageTest {

  private static final Duration WITHIN = Duration.ofSeconds(30);

  private final Config base = ActorLab.mode("processes").config();
  private ActorSystem<Coordinator.Command> coordinator;
  private ActorSystem<Void> workerNode;

  @AfterEach
  void stop() throws Exception {
    for (ActorSystem<?> system : new ActorSystem<?>[] {workerNode, coordinator}) {
      if (system != null) {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aRunDroppedOnTheWayIsHandedOutAgainAndAnswered() throws Exception {
    TaskPolicy policy =
        new TaskPolicy(1, 3, Duration.ZERO, Duration.ofSeconds(1), 0, 1, 1, Duration.ofMillis(300));
    coordinator =
        ActorSystem.create(
            Coordinator.create(policy, Canceller.interrupting(new RunningTasks()), 1 << 20),
            "coordinator",
            node(true));
    String coordinatorPath = ActorRefResolver.get(coordinator).toSerializationFormat(coordinator);
    workerNode =
        ActorSystem.create(
            Behaviors.setup(
                context -> {
                  ActorRef<Coordinator.Command> remote =
                      ActorRefResolver.get(context.getSystem()).resolveActorRef(coordinatorPath);
                  context.spawn(
                      Worker.create(
                          remote,
                          () ->
                              new TaskRunner(
                                  TaskGuard.NONE, LostMessageTest.class.getClassLoader(),
                                  output -> 0, new RunningTasks()),
                          null,
                          0,
                          Worker.Renewal.RESTART,
                          1 << 20,
                          true),
                      "worker");
                  return Behaviors.empty();
                }),
            "worker",
            node(false));
    CompletableFuture<Void> ready = new CompletableFuture<>();
    coordinator.tell(new Coordinator.AwaitWorkers(1, ready));
    ready.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
    assertEquals(1L, submit(1).get(WITHIN.toSeconds(), TimeUnit.SECONDS).output(), "first task");

    Logger log = (Logger) LoggerFactory.getLogger(Coordinator.class);
    ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    warnings.start();
    log.addAppender(warnings);
    try {
      blackhole(true);
      CompletableFuture<TaskOutcome> lost = submit(3); // its Run is dropped, and any audit meanwhile
      Thread.sleep(500);
      blackhole(false);

      assertEquals(9L, lost.get(WITHIN.toSeconds(), TimeUnit.SECONDS).output());
      assertTrue(
          warnings.list.stream()
              .anyMatch(event -> event.getFormattedMessage().contains("nor held there")),
          () -> "no warning that a task was lost: " + warnings.list);
    } finally {
      log.detachAppender(warnings);
    }
  }

  private CompletableFuture<TaskOutcome> submit(int input) {
    CompletableFuture<TaskOutcome> result = new CompletableFuture<>();
    coordinator.tell(new Coordinator.Submit("io.actorlab.api.Square", input, 0, result));
    return result;
  }

  /** Drops (or stops dropping) everything the coordinator's node sends to the worker's. */
  private void blackhole(boolean on) throws Exception {
    Address worker = workerNode.address();
    RemoteTransport transport =
        ((RemoteActorRefProvider) ((ExtendedActorSystem) coordinator.classicSystem()).provider())
            .transport();
    ThrottlerTransportAdapter.SetThrottle command =
        new ThrottlerTransportAdapter.SetThrottle(
            worker,
            ThrottlerTransportAdapter.sendDirection(),
            on
                ? ThrottlerTransportAdapter.blackholeThrottleMode()
                : ThrottlerTransportAdapter.unthrottledThrottleMode());
    scala.concurrent.Await.result(
        transport.managementCommand(command), scala.concurrent.duration.Duration.create(10, "s"));
  }

  /** A node of its own on a free loopback port, with actorlab's wire settings (Kryo, frame sizes). */
  private Config node(boolean testMode) {
    return ConfigFactory.parseString(
            """
            pekko.actor.provider = remote
            pekko.remote.artery.canonical.hostname = "127.0.0.1"
            pekko.remote.artery.canonical.port = 0
            pekko.remote.warn-about-direct-use = off
            pekko.remote.use-unsafe-remote-features-outside-cluster = on
            pekko.remote.artery.advanced.test-mode = %s
            """
                .formatted(testMode ? "on" : "off"))
        .withFallback(ClusterSettings.create(base).pekko())
        .withFallback(base);
  }
}
