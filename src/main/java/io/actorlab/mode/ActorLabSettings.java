package io.actorlab.mode;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The resolved {@code actorlab} section that a pool needs to start.
 *
 * @param workers worker count (threads or processes), at least 1
 * @param mode the execution mode
 * @param startTimeout how long starting a pool may take until every worker is ready
 * @param stopTimeout how long closing a pool may take before it gives up waiting
 */
public record ActorLabSettings(
    int workers, ModeSettings mode, Duration startTimeout, Duration stopTimeout) {

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
        positive(config, "actorlab.stop-timeout"));
  }

  private static Duration positive(Config config, String key) {
    Duration value = config.getDuration(key);
    if (value.isNegative() || value.isZero()) {
      throw new SettingsException(key + " must be positive, got " + value);
    }
    return value;
  }
}
