package io.actorlab.mode;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the configuration of one run, each layer overriding the ones below it:
 *
 * <ol>
 *   <li>{@code -D} system properties;
 *   <li>overrides given on the command line ({@code --workers}, {@code -Dkey=value}, ...);
 *   <li>the user's {@code --conf} files, the later ones winning;
 *   <li>the mode file {@code conf/modes/<mode>.conf}, which includes the base {@code conf/actorlab.conf};
 *   <li>the library defaults: every {@code reference.conf} on the classpath.
 * </ol>
 *
 * <p>{@code actorlab.workers = 0} means one worker per available core; it is made concrete before the
 * configuration is resolved, so dispatcher sizes that refer to {@code ${actorlab.workers}} see the real
 * number.
 */
public final class ConfigLoader {

  /** System property the launcher sets to the installation folder. */
  public static final String HOME_PROPERTY = "actorlab.home";

  /** The base configuration every mode file includes, in the conf folder. */
  public static final String BASE_FILE = "actorlab.conf";

  private final Path confDir;
  private final String mode;
  private final List<Path> files = new ArrayList<>();
  private final Map<String, Object> overrides = new LinkedHashMap<>();

  /** A loader for a mode of the modes under {@code confDir}. */
  public ConfigLoader(Path confDir, String mode) {
    this.confDir = confDir;
    this.mode = mode;
  }

  /**
   * The folder with {@code actorlab.conf} and {@code modes/}: {@code $actorlab.home/conf} when the
   * launcher set it, else {@code conf} under the working directory.
   */
  public static Path defaultConfDir() {
    String home = System.getProperty(HOME_PROPERTY);
    return home == null || home.isBlank() ? Paths.get("conf") : Paths.get(home, "conf");
  }

  /** Adds a user configuration file on top of the mode file. */
  public ConfigLoader withFile(Path file) {
    files.add(file);
    return this;
  }

  /** Sets one key, above every file. */
  public ConfigLoader with(String key, Object value) {
    overrides.put(key, value);
    return this;
  }

  /** Reads every layer and resolves the result; fails with the file and line of a syntax error. */
  public Config load() {
    ModeCatalog.ModeFile modeFile = new ModeCatalog(confDir).named(mode);
    Path base = confDir.resolve(BASE_FILE);
    if (!Files.isRegularFile(base)) {
      throw new SettingsException(
          "no base configuration at "
              + base.toAbsolutePath()
              + ": every mode file includes it; restore it (it may be as short as `actorlab {}`)");
    }
    Config stack = parse(modeFile.file());
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        throw new SettingsException("configuration file not found: " + file.toAbsolutePath());
      }
      stack = parse(file).withFallback(stack);
    }
    Config top = ConfigFactory.systemProperties().withFallback(overrides());
    stack =
        top.withFallback(stack)
            .withFallback(ConfigFactory.defaultReferenceUnresolved())
            .withValue("actorlab.mode.name", ConfigValueFactory.fromAnyRef(mode));
    int workers = stack.resolve().getInt("actorlab.workers");
    if (workers == 0) {
      workers = Runtime.getRuntime().availableProcessors();
      stack = stack.withValue("actorlab.workers", ConfigValueFactory.fromAnyRef(workers));
    }
    return stack.resolve();
  }

  /**
   * Every layer but the mode file, resolved: the settings that are the same whatever the mode (those
   * of {@code actorlab compare}, say). The mode given to this loader is not read.
   */
  public Config loadWithoutMode() {
    Path base = confDir.resolve(BASE_FILE);
    if (!Files.isRegularFile(base)) {
      throw new SettingsException("no base configuration at " + base.toAbsolutePath());
    }
    Config stack = parse(base);
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        throw new SettingsException("configuration file not found: " + file.toAbsolutePath());
      }
      stack = parse(file).withFallback(stack);
    }
    return ConfigFactory.systemProperties()
        .withFallback(overrides())
        .withFallback(stack)
        .withFallback(ConfigFactory.defaultReferenceUnresolved())
        .resolve();
  }

  /** The keys set one by one; a wrong value's error names where they came from. */
  private Config overrides() {
    return ConfigFactory.parseMap(overrides, "-D setting (or ActorLab.set)");
  }

  private static Config parse(Path file) {
    return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
  }
}
