package io.actorlab.compare;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.actorlab.mode.SettingsException;
import java.time.Duration;
import java.util.List;

/**
 * The {@code actorlab.compare} section: what {@code actorlab compare} does when options do not say.
 *
 * @param cpuModes modes compared by default for a workload whose tasks compute
 * @param blockingModes modes compared by default for a workload whose tasks mostly wait
 * @param repeat measured rounds, at least 1
 * @param warmup warm-up rounds, at least 0
 * @param reportRoot the folder each comparison's report folder goes under
 * @param stopTimeout how long a mode's JVM may take to stop before it is killed
 * @param reusePool true to keep each mode's pool (its worker JVMs, under processes) across its runs;
 *     false to start a fresh pool for every run
 */
public record CompareSettings(
    List<String> cpuModes,
    List<String> blockingModes,
    int repeat,
    int warmup,
    String reportRoot,
    Duration stopTimeout,
    boolean reusePool) {

  private static final String SECTION = "actorlab.compare";

  /** Reads and checks {@code actorlab.compare} of a resolved config. */
  public static CompareSettings create(Config config) {
    try {
      Config compare = config.getConfig(SECTION);
      CompareSettings settings =
          new CompareSettings(
              List.copyOf(compare.getStringList("cpu-modes")),
              List.copyOf(compare.getStringList("blocking-modes")),
              compare.getInt("repeat"),
              compare.getInt("warmup"),
              compare.getString("report-root"),
              compare.getDuration("stop-timeout"),
              onOrOff(compare, "reuse-pool"));
      atLeast("repeat", settings.repeat, 1);
      atLeast("warmup", settings.warmup, 0);
      if (settings.stopTimeout.isNegative() || settings.stopTimeout.isZero()) {
        throw new SettingsException(
            SECTION + ".stop-timeout must be positive, got " + settings.stopTimeout);
      }
      return settings;
    } catch (ConfigException e) {
      throw new SettingsException(e.getMessage(), e);
    }
  }

  private static boolean onOrOff(Config compare, String key) {
    try {
      return compare.getBoolean(key);
    } catch (ConfigException.WrongType e) {
      throw new SettingsException(
          SECTION
              + "."
              + key
              + " must be on or off, got "
              + compare.getValue(key).render()
              + " ("
              + compare.getValue(key).origin().description()
              + ")",
          e);
    }
  }

  private static void atLeast(String key, int value, int least) {
    if (value < least) {
      throw new SettingsException(
          SECTION + "." + key + " must be at least " + least + ", got " + value);
    }
  }
}
