package io.actorlab.mode;

import com.typesafe.config.Config;
import io.actorlab.actor.RetryPolicy;
import java.time.Duration;

/**
 * The resolved {@code actorlab} section that a pool needs to start.
 *
 * @param workers worker count (threads or processes), at least 1
 * @param mode the execution mode
 * @param startTimeout how long starting a pool may take until every worker is ready
 * @param stopTimeout how long closing a pool may take before it gives up waiting
 * @param retries how often a failed or lost task is tried again
 */
public record ActorLabSettings(
    int workers,
    ModeSettings mode,
    Duration startTimeout,
    Duration stopTimeout,
    RetryPolicy retries) {

  /** Reads and checks a resolved config. */
  public static ActorLabSettings create(Config config) {
    int workers = config.getInt("actorlab.workers");
    if (workers < 1) {
      throw new SettingsException("actorlab.workers must be at least 1, got " + workers);
    }
    return new ActorLabSettings(
        workers,
        ModeSettings.create(config),
        positive(config, "actorlab.start-timeout"),
        positive(config, "actorlab.stop-timeout"),
        new RetryPolicy(
            atLeastOne(config, "actorlab.tasks.max-attempts"),
            atLeastOne(config, "actorlab.tasks.max-deliveries")));
  }

  private static int atLeastOne(Config config, String key) {
    int value = config.getInt(key);
    if (value < 1) {
      throw new SettingsException(key + " must be at least 1, got " + value);
    }
    return value;
  }

  private static Duration positive(Config config, String key) {
    Duration value = config.getDuration(key);
    if (value.isNegative() || value.isZero()) {
      throw new SettingsException(key + " must be positive, got " + value);
    }
    return value;
  }
}
