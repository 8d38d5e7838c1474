package io.actorlab.mode;

import io.actorlab.actor.TaskOutcome;
import io.actorlab.measure.PoolUsage;
import com.typesafe.config.Config;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** What runs the tasks of a worker pool: the mechanism behind a mode. */
public interface PoolBackend extends AutoCloseable {

  /** Queues a task; {@code result} completes with its outcome, or exceptionally if the pool stops. */
  void submit(String taskClass, Object input, CompletableFuture<TaskOutcome> result);

  /** The value of an actor-owned counter after every increment sent so far. */
  long readCounter(String name);

  /** CPU, memory and boundary figures of every JVM of the pool so far. */
  PoolUsage usage();

  /**
   * What keeps the pool from running tasks as it did when it started (its actor system stopped, a
   * worker JVM exited and none replaced it), or empty while it is whole. Whoever keeps a pool across
   * runs asks before each run, and starts a new pool instead of a broken one.
   */
  default Optional<String> broken() {
    return Optional.empty();
  }

  /**
   * True when the pool runs on worker nodes it did not start and does not own (a running cluster it
   * attached to): they serve one pool at a time, so a pool kept open keeps them from every other.
   */
  default boolean onSharedNodes() {
    return false;
  }

  /** Stops every thread (and process) the backend started; waits at most the stop timeout. */
  @Override
  void close();

  /** Starts the backend a mode's settings ask for. */
  static PoolBackend start(ActorLabSettings settings, Config config) {
    settings.mode().checkJavaVersion(Runtime.version().feature());
    switch (settings.mode().runner()) {
      case CALLER:
        return new CallerBackend(settings.tasks());
      case ACTORS:
        return LocalActorBackend.start(settings, config);
      case PROCESSES:
        return ProcessesBackend.start(settings, config);
      default:
        throw new IllegalStateException("unhandled runner " + settings.mode().runner());
    }
  }
}
