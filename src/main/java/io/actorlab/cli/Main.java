package io.actorlab.cli;

import com.typesafe.config.ConfigException;
import io.actorlab.mode.SettingsException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code actorlab}: the command-line entry point. Only this package prints to the terminal. */
@Command(
    name = "actorlab",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Threads or processes? Runs one workload under many execution modes on Apache Pekko and"
          + " measures each the same way."
    },
    subcommands = {
      RunCommand.class,
      CompareCommand.class,
      AdviseCommand.class,
      ModesCommand.class,
      WorkloadsCommand.class,
      NodeCommand.class,
      ClusterCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  /** Exit code of a run in which some task failed. */
  static final int TASKS_FAILED = 1;

  /** Exit code of bad input: unknown names, bad values, malformed configuration. */
  static final int USAGE = 2;

  /** Exit code of a comparison in which some mode computed a different checksum: a wrong answer. */
  static final int CHECKSUM_MISMATCH = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with these output streams and returns the exit code (for tests). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(Main::handle);
    commandLine.setParameterExceptionHandler(Main::handleUsage);
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** User errors get one clear line and exit 2; anything else exits 1. {@code -v} adds the trace. */
  private static int handle(
      Exception error, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    boolean verbose =
        commandLine.getCommand() instanceof Verbosity
            && ((Verbosity) commandLine.getCommand()).verbose();
    boolean userError =
        error instanceof SettingsException
            || error instanceof ConfigException
            || error instanceof IllegalArgumentException;
    err.println("actorlab: " + (userError ? "" : "error: ") + error.getMessage());
    if (verbose) {
      error.printStackTrace(err);
    } else if (!userError) {
      err.println("(run again with -v for the stack trace)");
    }
    return userError ? USAGE : TASKS_FAILED;
  }

  /** Bad options: the problem in one line and where to read more, rather than the whole usage. */
  private static int handleUsage(CommandLine.ParameterException error, String[] args) {
    CommandLine command = error.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("actorlab: " + error.getMessage());
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(error, err)) {
      err.println("See '" + command.getCommandSpec().qualifiedName() + " --help'.");
    }
    return USAGE;
  }

  /** A command that knows whether {@code -v} was given. */
  interface Verbosity {
    /** True when the user asked for more output. */
    boolean verbose();
  }

  /** The version from the jar's manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {
        "actorlab " + (version == null ? "(development build)" : version),
        "Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")"
      };
    }
  }
}
