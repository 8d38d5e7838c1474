package io.actorlab.cli;

import io.actorlab.mode.ConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --conf-dir} option: where actorlab.conf and the mode files are. */
final class ConfDirOption {

  @Option(
      names = "--conf-dir",
      paramLabel = "DIR",
      description = "Folder with actorlab.conf and modes/ (default: $ACTORLAB_HOME/conf, else ./conf).")
  Path confDir;

  /** The conf folder in effect. */
  Path confDir() {
    return confDir != null ? confDir : ConfigLoader.defaultConfDir();
  }
}
