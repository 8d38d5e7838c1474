package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Closing a {@link MembershipClient} never waits without end. Pekko's remoting can wait forever for a
 * connection's stream to finish as its actor system stops (seen with {@code tls-tcp}: one test run in
 * about ten); here an actor system whose termination is held up by a callback that does not return
 * stands in for it.
 */
class MembershipClientTest {

  @Test
  void closeGivesUpOnAnActorSystemThatDoesNotStopAndSaysSo() throws Exception {
    ActorSystem<Void> system =
        ActorSystem.create(Behaviors.empty(), "stuck-client", ConfigFactory.empty());
    CountDownLatch release = new CountDownLatch(1);
    system.classicSystem().registerOnTermination(() -> awaitQuietly(release));
    Logger logger = (Logger) LoggerFactory.getLogger(MembershipClient.class);
    ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    warnings.start();
    logger.addAppender(warnings);
    try {
      MembershipClient client = new MembershipClient(system, Duration.ofMillis(500));
      assertTimeoutPreemptively(
          Duration.ofSeconds(20),
          client::close,
          "close waited for an actor system that does not stop");
      assertFalse(
          system.getWhenTerminated().toCompletableFuture().isDone(),
          "the actor system was meant to be still stopping when close returned");
      assertTrue(
          warnings.list.stream()
              .anyMatch(event -> event.getFormattedMessage().contains("did not stop within 500 ms")),
          "no warning that the client's actor system did not stop: " + warnings.list);
    } finally {
      logger.detachAppender(warnings);
      release.countDown();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
