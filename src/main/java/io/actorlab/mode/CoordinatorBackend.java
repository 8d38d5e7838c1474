package io.actorlab.mode;

import io.actorlab.actor.Coordinator;
import io.actorlab.actor.TaskOutcome;
import io.actorlab.serialization.Preflight;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * What the actor runners share: an actor system in this JVM whose guardian is the {@link Coordinator},
 * tasks checked and submitted to it, counters read from it, and a start that waits for the workers.
 */
abstract class CoordinatorBackend implements PoolBackend {

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);
  private static final long POLL_MILLIS = 100;

  protected final ActorSystem<Coordinator.Command> system;
  private final Preflight preflight;
  private final Duration stopTimeout;

  CoordinatorBackend(
      ActorSystem<Coordinator.Command> system, Preflight preflight, Duration stopTimeout) {
    this.system = system;
    this.preflight = preflight;
    this.stopTimeout = stopTimeout;
  }

  @Override
  public void submit(String taskClass, Object input, CompletableFuture<TaskOutcome> result) {
    int inputBytes = preflight.check(input);
    system.tell(new Coordinator.Submit(taskClass, input, inputBytes, result));
  }

  @Override
  public long readCounter(String name) {
    return await(
        AskPattern.ask(
            system,
            replyTo -> new Coordinator.ReadCounter(name, replyTo),
            ASK_TIMEOUT,
            system.scheduler()),
        "counter " + name);
  }

  @Override
  public Optional<String> broken() {
    return system.getWhenTerminated().toCompletableFuture().isDone()
        ? Optional.of("its actor system has stopped")
        : Optional.empty();
  }

  /**
   * Waits until {@code workers} worker actors have announced themselves, so that start-up never counts
   * as task time; runs {@code whileWaiting} every 100 ms, and once more if the pool stops while it
   * waits (it throws to give up early, with the reason it knows).
   */
  void awaitWorkers(int workers, Duration timeout, Runnable whileWaiting, Supplier<String> hint) {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    system.tell(new Coordinator.AwaitWorkers(workers, ready));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        ready.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        return;
      } catch (TimeoutException e) {
        whileWaiting.run();
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              workers
                  + " workers were not ready within "
                  + timeout
                  + " (actorlab.start-timeout)"
                  + hint.get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the workers started", e);
      } catch (ExecutionException e) {
        whileWaiting.run(); // it may know better why the pool stopped, and say so
        throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
      }
    }
  }

  /** Asks and waits; the ask itself times out. */
  static <T> T await(CompletionStage<T> answer, String what) {
    try {
      return answer.toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking for " + what, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not get " + what + ": " + e.getCause(), e.getCause());
    }
  }

  /**
   * Terminates the actor system (for a cluster node, leaving the cluster first) and waits up to the
   * stop timeout.
   *
   * @return true when it stopped in time
   */
  boolean terminate() {
    system.terminate();
    try {
      system
          .getWhenTerminated()
          .toCompletableFuture()
          .get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  /** The stop timeout, for messages. */
  Duration stopTimeout() {
    return stopTimeout;
  }
}
