package io.actorlab.mode;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The execution modes a user has: one file each under {@code <conf-dir>/modes}. Nothing in Java lists
 * them; a user adds a mode by adding a file.
 */
public final class ModeCatalog {

  private static final String SUFFIX = ".conf";

  private final Path confDir;

  /** The catalog of the modes under {@code confDir/modes}. */
  public ModeCatalog(Path confDir) {
    this.confDir = confDir;
  }

  /** A mode file found on disk. */
  public record ModeFile(String name, Path file) {

    /** The one-line description the file gives in {@code actorlab.mode.description}. */
    public String description() {
      Config parsed =
          ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
      String key = "actorlab.mode.description";
      return parsed.hasPath(key) ? parsed.getString(key) : "";
    }
  }

  /** The folder holding the mode files. */
  public Path modesDir() {
    return confDir.resolve("modes");
  }

  /** Every mode, sorted by name. */
  public List<ModeFile> all() {
    Path dir = modesDir();
    if (!Files.isDirectory(dir)) {
      throw new SettingsException(
          "no modes folder at "
              + dir.toAbsolutePath()
              + ": set actorlab.home (the launcher does) or run from the actorlab folder");
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(f))
          .map(f -> new ModeFile(baseName(f), f))
          .sorted(java.util.Comparator.comparing(ModeFile::name))
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new SettingsException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The mode of this name, or a {@link SettingsException} that lists the valid names. */
  public ModeFile named(String name) {
    List<ModeFile> modes = all();
    return modes.stream()
        .filter(m -> m.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new SettingsException(
                    "unknown mode '"
                        + name
                        + "'; valid modes: "
                        + modes.stream().map(ModeFile::name).collect(Collectors.joining(", "))
                        + " (files in "
                        + modesDir()
                        + ")"));
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - SUFFIX.length());
  }
}
