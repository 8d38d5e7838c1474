package io.actorlab.cli;

import io.actorlab.api.WorkloadRun;
import io.actorlab.measure.ProcessMetrics;
import io.actorlab.measure.RunReport;
import io.actorlab.report.JsonReport;
import io.actorlab.report.TableReport;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadSpec;
import io.actorlab.workload.Workloads;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code actorlab run}: one workload under one mode, measured. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Run one workload under one execution mode and print what it cost.",
      "Exit code: 0 all tasks succeeded, 1 some task failed, 2 bad input."
    })
final class RunCommand implements Callable<Integer>, Main.Verbosity {

  @Option(
      names = {"-m", "--mode"},
      paramLabel = "MODE",
      defaultValue = "threads",
      description = "Execution mode, a file in conf/modes (see `actorlab modes`). Default: ${DEFAULT-VALUE}.")
  String mode;

  @Option(
      names = {"-w", "--workload"},
      paramLabel = "NAME",
      defaultValue = "primes",
      description = "Built-in workload (see `actorlab workloads`). Default: ${DEFAULT-VALUE}.")
  String workload;

  @Option(
      names = {"-n", "--tasks"},
      paramLabel = "N",
      description = "Number of tasks. Default: the workload's own.")
  Integer tasks;

  @Option(
      names = {"-s", "--size"},
      paramLabel = "X",
      description = "The workload's size knob (see `actorlab workloads`). Default: the workload's own.")
  Long size;

  @Option(
      names = "--variant",
      paramLabel = "NAME",
      description = "Workload variant, e.g. atomic for counter. Default: the workload's first.")
  String variant;

  @Option(
      names = {"-k", "--workers"},
      paramLabel = "K",
      description = "Workers (threads or processes). Default: actorlab.workers (0 = one per core).")
  Integer workers;

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

  @Mixin ConfigOptions config;

  @Spec CommandSpec spec;

  @Override
  public boolean verbose() {
    return verbose;
  }

  @Override
  public Integer call() throws Exception {
    Workload chosen = Workloads.named(workload).orElseThrow(() -> unknownWorkload(workload));
    WorkloadSpec workloadSpec =
        new WorkloadSpec(
            positive("--tasks", tasks, chosen.defaultTasks()),
            positive("--size", size, chosen.defaultSize()),
            variant);
    var lab = config.lab(mode);
    if (workers != null) {
      positive("--workers", workers, 1);
      lab.workers(workers);
    }
    Logging.configure(verbose, lab);
    RunReport report;
    try (Progress progress = Progress.when(!json && !quiet, mode + " " + workload, workloadSpec.tasks())) {
      report = WorkloadRun.run(lab, chosen, workloadSpec, progress);
    }
    PrintWriter out = spec.commandLine().getOut();
    int cores = ProcessMetrics.availableCores();
    out.println(json ? JsonReport.toJson(report, cores) : TableReport.render(report, cores));
    return report.failed() == 0 ? 0 : Main.TASKS_FAILED;
  }

  private ParameterException unknownWorkload(String name) {
    return new ParameterException(
        spec.commandLine(),
        "unknown workload '"
            + name
            + "'; valid workloads: "
            + Workloads.all().stream().map(Workload::name).collect(Collectors.joining(", ")));
  }

  private <T extends Number> T positiveCheck(String option, T value) {
    if (value.longValue() < 1) {
      throw new ParameterException(
          spec.commandLine(), option + " must be at least 1, got " + value);
    }
    return value;
  }

  private int positive(String option, Integer value, int fallback) {
    return value == null ? fallback : positiveCheck(option, value);
  }

  private long positive(String option, Long value, long fallback) {
    return value == null ? fallback : positiveCheck(option, value);
  }
}
