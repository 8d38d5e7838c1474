package io.actorlab.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.Config;
import io.actorlab.api.ActorLab;
import io.actorlab.mode.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
      description = {
        "Set any configuration key, above every file, e.g. -Dactorlab.workers=4.",
        "A value in [...] or {...} is read as HOCON, e.g. -D 'k=[\"a\", \"b\"]'."
      })
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(
      names = "--jar",
      paramLabel = "FILE",
      description = {
        "A jar with your classes (--task, classes in actorlab.serialization.register); may be"
            + " repeated. Loaded in this JVM, and on the class path of compare's JVMs and of"
            + " spawned worker JVMs."
      })
  List<Path> jars = new ArrayList<>();

  @Option(
      names = "--classpath",
      paramLabel = "PATH",
      split = "${sys:path.separator}",
      splitSynopsisLabel = "${sys:path.separator}",
      description = {
        "Jars and class folders with your classes, separated by '${sys:path.separator}'; may be"
            + " repeated. Used as --jar is."
      })
  List<Path> classPath = new ArrayList<>();

  @Mixin ConfDirOption dir;

  /**
   * The jars of --jar and the entries of --classpath, made absolute.
   *
   * @throws IllegalArgumentException naming an entry that does not exist
   */
  List<Path> userClassPath() {
    List<Path> entries = new ArrayList<>();
    for (Path jar : jars) {
      if (Files.isDirectory(jar)) {
        throw new IllegalArgumentException(
            "--jar " + jar + " is a folder; give a class folder with --classpath " + jar);
      }
      entries.add(existing("--jar", jar));
    }
    for (Path entry : classPath) {
      entries.add(existing("--classpath", entry));
    }
    return entries;
  }

  private static Path existing(String option, Path entry) {
    if (!Files.exists(entry)) {
      throw new IllegalArgumentException(
          option + " " + entry + ": no such " + (option.equals("--jar") ? "file" : "file or folder")
              + " (relative paths are from " + Path.of("").toAbsolutePath() + ")");
    }
    return entry.toAbsolutePath().normalize();
  }

  /** Loads the user's classes on this thread until closed; see {@link UserClasses}. */
  UserClasses userClasses() {
    return UserClasses.open(userClassPath());
  }

  /** A pool configuration of this mode with every option applied. */
  ActorLab lab(String mode) {
    ActorLab lab = ActorLab.mode(dir.confDir(), mode);
    List<Path> userClassPath = userClassPath();
    if (!userClassPath.isEmpty()) {
      // Worker JVMs are started with this JVM's class path; they need the user's classes too.
      lab.set(
          "actorlab.cluster.extra-class-path",
          userClassPath.stream().map(Path::toString).collect(Collectors.toList()));
    }
    files.forEach(lab::configFile);
    overrides.forEach((key, value) -> lab.set(key, valueOf(key, value)));
    return lab;
  }


  /** A list or object value is HOCON; anything else is taken as written (URLs hold "//"). */
  private static Object valueOf(String key, String value) {
    String trimmed = value.trim();
    if (!trimmed.startsWith("[") && !trimmed.startsWith("{")) {
      return value;
    }
    try {
      return ConfigFactory.parseString("value = " + trimmed).getValue("value").unwrapped();
    } catch (ConfigException e) {
      throw new IllegalArgumentException("-D " + key + ": not a HOCON value: " + e.getMessage(), e);
    }
  }

  /** The configuration without a mode file: settings that hold for every mode. */
  Config withoutMode() {
    ConfigLoader loader = new ConfigLoader(dir.confDir(), "");
    files.forEach(loader::withFile);
    overrides.forEach((key, value) -> loader.with(key, valueOf(key, value)));
    return loader.loadWithoutMode();
  }

  /** These options as command-line arguments again, paths made absolute, for a child JVM. */
  List<String> asArguments() {
    List<String> args = new ArrayList<>();
    args.add("--conf-dir");
    args.add(dir.confDir().toAbsolutePath().toString());
    files.forEach(file -> {
      args.add("--conf");
      args.add(file.toAbsolutePath().toString());
    });
    overrides.forEach((key, value) -> args.add("-D" + key + "=" + value));
    userClassPath().forEach(entry -> {
      args.add("--classpath");
      args.add(entry.toString());
    });
    return args;
  }

}
