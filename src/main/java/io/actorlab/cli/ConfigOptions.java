package io.actorlab.cli;

import io.actorlab.api.ActorLab;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that choose and override configuration, shared by every command that starts a pool. */
final class ConfigOptions {

  @Option(
      names = "--conf",
      paramLabel = "FILE",
      description = "A HOCON file layered over the mode file; may be repeated (later files win).")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "-D",
      paramLabel = "KEY=VALUE",
      description = "Set any configuration key, above every file, e.g. -Dactorlab.workers=4.")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Mixin ConfDirOption dir;

  /** A pool configuration of this mode with every option applied. */
  ActorLab lab(String mode) {
    ActorLab lab = ActorLab.mode(dir.confDir(), mode);
    files.forEach(lab::configFile);
    overrides.forEach(lab::set);
    return lab;
  }

}
