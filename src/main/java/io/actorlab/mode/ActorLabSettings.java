package io.actorlab.mode;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The resolved {@code actorlab} section that a pool needs to start.
 *
 * @param workers worker count (threads or processes), at least 1
 * @param mode the execution mode
 * @param stopTimeout how long closing a pool may take before it gives up waiting
 */
public record ActorLabSettings(int workers, ModeSettings mode, Duration stopTimeout) {

  /** Reads and checks a resolved config. */
  public static ActorLabSettings create(Config config) {
    int workers = config.getInt("actorlab.workers");
    if (workers < 1) {
      throw new SettingsException("actorlab.workers must be at least 1, got " + workers);
    }
    Duration stop = config.getDuration("actorlab.stop-timeout");
    if (stop.isNegative() || stop.isZero()) {
      throw new SettingsException("actorlab.stop-timeout must be positive, got " + stop);
    }
    return new ActorLabSettings(workers, ModeSettings.create(config), stop);
  }
}
