package io.actorlab.cli;

import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What {@code run}, {@code compare} and {@code advise} share: a workload (built-in or the user's own
 * task), configuration, output options, and the user's classes loaded for as long as the command
 * runs.
 */
abstract class WorkloadCommand implements Callable<Integer>, Main.Verbosity {

  @Mixin WorkloadOptions workload;

  @Mixin OutputOptions output;

  @Mixin ConfigOptions config;

  @Spec CommandSpec spec;

  @Override
  public boolean verbose() {
    return output.verbose;
  }

  @Override
  public final Integer call() throws Exception {
    // The user's classes are loaded here, so the task is prepared in this JVM, checked with its
    // inputs, before anything else starts.
    try (UserClasses classes = config.userClasses()) {
      Workload chosen = workload.workload(classes);
      return run(chosen, workload.spec(chosen));
    }
  }

  /** Runs the command on the chosen workload; returns its exit code. */
  abstract int run(Workload chosen, WorkloadSpec workloadSpec) throws Exception;
}
