package io.actorlab.cli;

import picocli.CommandLine.Option;

/** How a command reports: a table or JSON, with or without progress, quiet or verbose. */
final class OutputOptions {

  @Option(names = "--json", description = "Print one JSON object instead of the table.")
  boolean json;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress bar.")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log more, and show stack traces of errors.")
  boolean verbose;
}
