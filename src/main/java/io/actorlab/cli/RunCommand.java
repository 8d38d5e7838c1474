package io.actorlab.cli;

import io.actorlab.api.ActorLab;
import io.actorlab.api.RunListener;
import io.actorlab.api.WarmPool;
import io.actorlab.api.WorkloadRun;
import io.actorlab.compare.ChildJvm;
import io.actorlab.measure.ProcessMetrics;
import io.actorlab.measure.RunReport;
import io.actorlab.report.JsonReport;
import io.actorlab.report.TableReport;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadSpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code actorlab run}: one workload under one mode, measured. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Run one workload under one execution mode and print what it cost.",
      "Exit code: 0 all tasks succeeded, 1 some task failed, 2 bad input."
    })
final class RunCommand extends WorkloadCommand {

  @Option(
      names = {"-m", "--mode"},
      paramLabel = "MODE",
      defaultValue = "threads",
      description = "Execution mode, a file in conf/modes (see `actorlab modes`). Default: ${DEFAULT-VALUE}.")
  String mode;

  @Option(
      names = {"-k", "--workers"},
      paramLabel = "K",
      description =
          "Workers (threads or processes), at least 1. Default: actorlab.workers, which is one"
              + " per core unless set.")
  Integer workers;

  // How `actorlab compare` runs a mode in a JVM of its own: one run per line on stdin, one JSON line
  // per run on stdout, until stdin closes (see ChildJvm). Not for people, so not in --help.
  @Option(names = "--serve", hidden = true)
  boolean serve;

  // With --serve: keep the pool the first run starts for the later runs (actorlab.compare.reuse-pool).
  @Option(names = "--reuse-pool", hidden = true)
  boolean reusePool;

  @Override
  int run(Workload chosen, WorkloadSpec workloadSpec) throws Exception {
    ActorLab lab = config.lab(mode);
    if (workers != null) {
      workload.positive("--workers", workers, 1);
      lab.workers(workers);
    }
    Logging.configure(output.verbose, lab);
    if (serve) {
      return serve(lab, chosen, workloadSpec);
    }
    RunReport report;
    try (Progress progress =
        Progress.when(
            !output.json && !output.quiet, mode + " " + chosen.name(), workloadSpec.tasks(), "tasks")) {
      report = WorkloadRun.run(lab, chosen, workloadSpec, progress);
    }
    PrintWriter out = spec.commandLine().getOut();
    int cores = ProcessMetrics.availableCores();
    out.println(
        output.json ? JsonReport.toJson(report, cores) : TableReport.render(report, cores));
    return report.failed() == 0 ? 0 : Main.TASKS_FAILED;
  }

  /**
   * Runs once per request line until stdin closes, each run on a fresh pool or, with --reuse-pool, on
   * the pool the first run started (closed when stdin closes or a run throws); a run that throws ends
   * the JVM, as a run would.
   */
  private int serve(ActorLab lab, Workload chosen, WorkloadSpec workloadSpec) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    int cores = ProcessMetrics.availableCores();
    BufferedReader requests =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (WarmPool warm = new WarmPool(lab)) {
      String request;
      while ((request = requests.readLine()) != null) {
        if (!request.strip().equals(ChildJvm.REQUEST)) {
          throw new IllegalArgumentException(
              "--serve takes '" + ChildJvm.REQUEST + "' lines, got " + request);
        }
        RunReport report =
            reusePool
                ? warm.run(chosen, workloadSpec, RunListener.NONE)
                : WorkloadRun.run(lab, chosen, workloadSpec, RunListener.NONE);
        out.println(ChildJvm.RESULT_PREFIX + JsonReport.toJson(report, cores));
        out.flush();
      }
    }
    return 0;
  }
}
