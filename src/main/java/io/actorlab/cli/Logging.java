package io.actorlab.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.actorlab.api.ActorLab;
import org.slf4j.LoggerFactory;

/** Sets how much actorlab logs: warnings by default, INFO with {@code -v}. */
final class Logging {

  private Logging() {}

  /**
   * Applies the level to Logback and to Pekko's own filter. Touching the logger factory here, before
   * any actor system starts, also keeps SLF4J from replaying early messages with a warning.
   */
  static void configure(boolean verbose, ActorLab lab) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (verbose) {
      root.setLevel(Level.INFO);
      lab.set("pekko.loglevel", "INFO");
    }
  }
}
