package io.actorlab.mode;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import io.actorlab.actor.TaskPolicy;
import java.time.Duration;

/**
 * The resolved {@code actorlab} section that a pool needs to start.
 *
 * @param workers worker count (threads or processes), at least 1
 * @param mode the execution mode
 * @param startTimeout how long starting a pool may take until every worker is ready
 * @param stopTimeout how long closing a pool may take before it gives up waiting
 * @param tasks what happens to tasks that fail, hang or lose their worker, and how long workers serve
 * @param maxPending tasks that map and run submit ahead of the results they have handed back
 */
public record ActorLabSettings(
    int workers,
    ModeSettings mode,
    Duration startTimeout,
    Duration stopTimeout,
    TaskPolicy tasks,
    int maxPending) {

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
        new TaskPolicy(
            atLeast(config, "actorlab.tasks.max-attempts", 1),
            atLeast(config, "actorlab.tasks.max-deliveries", 1),
            notNegative(config, "actorlab.tasks.timeout"),
            notNegative(config, "actorlab.tasks.interrupt-grace"),
            atLeast(config, "actorlab.tasks.max-tasks-per-worker", 0),
            atLeast(config, "actorlab.tasks.prefetch", 1),
            batchSize(config, "actorlab.tasks.batch-size"),
            positive(config, "actorlab.tasks.audit-interval")),
        atLeast(config, "actorlab.tasks.max-pending", 1));
  }

  private static Duration notNegative(Config config, String key) {
    Duration value = config.getDuration(key);
    if (value.isNegative()) {
      throw new SettingsException(key + " must not be negative, got " + value);
    }
    return value;
  }


  /** A chunk size of at least 1, or {@code auto}: {@link TaskPolicy#AUTO_BATCH}. */
  private static int batchSize(Config config, String key) {
    ConfigValue value = config.getValue(key);
    String text = String.valueOf(value.unwrapped()).trim();
    if (text.equals("auto")) {
      return TaskPolicy.AUTO_BATCH;
    }
    if (!text.matches("[0-9]{1,9}")) {
      throw new ConfigException.BadValue(
          value.origin(), key, "must be auto or a whole number of at least 1, got " + value.render());
    }
    return atLeast(config, key, 1);
  }

  private static int atLeast(Config config, String key, int min) {
    int value = config.getInt(key);
    if (value < min) {
      throw new SettingsException(key + " must be at least " + min + ", got " + value);
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
