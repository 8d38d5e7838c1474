package io.actorlab.testing;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@code bin/actorlab} in a JVM of its own: this JVM's java and class path. */
public final class Cli {

  private Cli() {}

  /** {@code java -cp <this class path> io.actorlab.cli.Main args...}, a list to add to. */
  public static List<String> command(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.actorlab.cli.Main"));
    command.addAll(List.of(args));
    return command;
  }
}
