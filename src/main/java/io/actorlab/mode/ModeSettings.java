package io.actorlab.mode;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.util.Locale;

/**
 * The {@code actorlab.mode} section: how one execution mode runs tasks.
 *
 * @param name the mode's name (its file name under {@code conf/modes})
 * @param description one line for {@code actorlab modes}
 * @param runner {@link Runner#CALLER}, {@link Runner#ACTORS} or {@link Runner#PROCESSES}
 * @param dispatcher config path of the dispatcher that runs worker actors
 * @param blockingDispatcher config path of the dispatcher for tasks that declare themselves blocking
 * @param gil whether tasks share one global lock, released only in blocking sections
 * @param serializeMessages whether every message between actors is serialized, as if it crossed a
 *     process boundary
 * @param requiresJava the lowest Java feature release the mode works on
 */
public record ModeSettings(
    String name,
    String description,
    Runner runner,
    String dispatcher,
    String blockingDispatcher,
    boolean gil,
    boolean serializeMessages,
    int requiresJava) {

  /** How tasks are run. */
  public enum Runner {
    /** On the thread that submits them, one after another, with no actors: the baseline. */
    CALLER,
    /** By worker actors in this JVM. */
    ACTORS,
    /** By worker actors in worker JVMs of a Pekko Cluster. */
    PROCESSES
  }

  /** Reads and checks {@code actorlab.mode} of a resolved config. */
  public static ModeSettings create(Config config) {
    Config mode = config.getConfig("actorlab.mode");
    String runnerName = mode.getString("runner");
    Runner runner;
    try {
      runner = Runner.valueOf(runnerName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SettingsException(
          "actorlab.mode.runner must be one of caller, actors, processes; got '" + runnerName + "'");
    }
    String dispatcher = mode.getString("dispatcher-path");
    String blocking = mode.getString("blocking-dispatcher-path");
    for (String[] key :
        new String[][] {{"dispatcher-path", dispatcher}, {"blocking-dispatcher-path", blocking}}) {
      if (!config.hasPath(key[1]) || config.getValue(key[1]).valueType() != ConfigValueType.OBJECT) {
        throw new SettingsException(
            "actorlab.mode."
                + key[0]
                + " names '"
                + key[1]
                + "', which is not a dispatcher section in the configuration");
      }
    }
    int requiresJava = mode.getInt("requires-java");
    return new ModeSettings(
        mode.getString("name"),
        mode.getString("description"),
        runner,
        dispatcher,
        blocking,
        mode.getBoolean("gil"),
        mode.getBoolean("serialize-messages"),
        requiresJava);
  }

  /** Fails with an explanation when this JVM is too old for the mode. */
  public void checkJavaVersion(int feature) {
    if (feature < requiresJava) {
      throw new SettingsException(
          "mode '"
              + name
              + "' needs Java "
              + requiresJava
              + " or newer ("
              + description
              + "), but this is Java "
              + feature
              + " ("
              + System.getProperty("java.home")
              + "). Point JAVA_HOME at a JDK "
              + requiresJava
              + "+ and run again.");
    }
  }
}
