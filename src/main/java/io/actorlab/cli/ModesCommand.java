package io.actorlab.cli;

import io.actorlab.mode.ModeCatalog;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code actorlab modes}: the execution modes, read from the mode files. */
@Command(
    name = "modes",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "List the execution modes: one file each under conf/modes (add a file to add a mode).")
final class ModesCommand implements Runnable {

  @Mixin ConfDirOption dir;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    List<ModeCatalog.ModeFile> modes = new ModeCatalog(dir.confDir()).all();
    int width = modes.stream().mapToInt(m -> m.name().length()).max().orElse(0);
    PrintWriter out = spec.commandLine().getOut();
    for (ModeCatalog.ModeFile mode : modes) {
      out.printf("%-" + width + "s  %s%n", mode.name(), mode.description());
    }
  }
}
