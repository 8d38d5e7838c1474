package io.actorlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.actorlab.advise.Advice;
import io.actorlab.advise.AdviceReport;
import io.actorlab.advise.Advisor;
import io.actorlab.advise.Profile;
import io.actorlab.advise.Profiler;
import io.actorlab.api.ActorLab;
import io.actorlab.compare.CompareSettings;
import io.actorlab.compare.Comparer;
import io.actorlab.measure.Machine;
import io.actorlab.mode.ActorLabSettings;
import io.actorlab.mode.ModeCatalog;
import io.actorlab.report.Comparison;
import io.actorlab.report.ComparisonFiles;
import io.actorlab.report.ComparisonJson;
import io.actorlab.report.ComparisonTable;
import io.actorlab.report.JsonReport;
import io.actorlab.report.Units;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code actorlab advise}: profile a workload on a sample, then recommend a mode and worker count. */
@Command(
    name = "advise",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Profile a workload on a short sample and recommend an execution mode and worker count.",
      "",
      "The sample runs in this JVM: under sequential (after one warm-up run) for the task's time and"
          + " the share of it on the CPU, then under every other mode on one worker for its start-up,"
          + " its overhead per task and what it serializes. From these it predicts each mode's"
          + " speed-up at its best worker count, recommends one and says why with the numbers."
          + " --verify then measures the top candidates with `compare` (each in its own JVM).",
      "",
      "Exit code: 0 advice given (and verified); 1 some task failed; 2 bad input; 3 a mode computed a"
          + " different checksum than sequential."
    })
final class AdviseCommand extends WorkloadCommand {

  @Option(
      names = {"-m", "--modes"},
      paramLabel = "MODE",
      split = ",",
      description =
          "Candidate modes, comma-separated. Default: every mode in conf/modes this JVM can run.")
  List<String> modes = new ArrayList<>();

  @Option(
      names = "--sample",
      paramLabel = "N",
      description = "Tasks in each sample run. Default: ${DEFAULT-VALUE}, at most --tasks.",
      defaultValue = "4")
  int sample;

  @Option(
      names = "--verify",
      description =
          "Then run `compare` on sequential and the two best candidates at their predicted worker"
              + " counts, and show measured speed-ups next to the predicted ones.")
  boolean verify;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description = "With --verify: the folder for the comparison's reports (as compare's --report).")
  Path report;

  @Override
  int run(Workload chosen, WorkloadSpec workloadSpec) throws Exception {
    workload.positive("--sample", sample, 1);
    CompareSettings settings = CompareSettings.create(config.withoutMode());
    List<String> candidates = candidates();
    PrintWriter err = spec.commandLine().getErr();

    Profile profile =
        new Profiler(this::lab)
            .profile(
                chosen,
                workloadSpec,
                candidates,
                sample,
                sampled -> {
                  if (output.verbose) {
                    err.printf(
                        "actorlab: sampled %s: wall %s, start-up %s%s, warm-up %s%n",
                        sampled.mode(),
                        Units.duration(sampled.wallNanos()),
                        Units.duration(sampled.startupNanos()),
                        sampled.startupPerWorkerNanos() > 0
                            ? " (+" + Units.duration(sampled.startupPerWorkerNanos()) + " a worker more)"
                            : "",
                        Units.duration(sampled.warmupNanos()));
                    err.flush();
                  }
                });
    Advice advice = Advisor.advise(profile);

    Optional<Comparison> verification = Optional.empty();
    Path folder = null;
    if (verify) {
      List<Comparison.Cell> cells =
          AdviceReport.verifyModes(advice).stream()
              .map(p -> new Comparison.Cell(p.mode(), p.workers()))
              .collect(Collectors.toList());
      Comparison.Setup setup =
          new Comparison.Setup(
              chosen.name(),
              CompareCommand.variantOf(chosen, workloadSpec),
              workloadSpec.tasks(),
              workloadSpec.size(),
              settings.warmup(),
              settings.repeat(),
              cells,
              io.actorlab.compare.ChildJvmRunner.isolation(settings.reusePool()));
      List<String> base =
          CompareCommand.childArguments(workload, workloadSpec, config, output.verbose);
      Comparison comparison =
          CompareCommand.run(new Comparer(setup, List.of()), base, settings, output, spec);
      folder = CompareCommand.reportFolder(report, settings, comparison);
      ComparisonFiles.write(comparison, folder);
      verification = Optional.of(comparison);
    }

    PrintWriter out = spec.commandLine().getOut();
    if (output.json) {
      Optional<ObjectNode> compared = verification.map(ComparisonJson::toNode);
      if (folder != null) {
        compared.get().put("report_dir", folder.toString());
      }
      out.println(JsonReport.write(AdviceReport.json(advice, compared), false));
    } else {
      out.println(AdviceReport.text(advice, verification));
      if (folder != null) {
        out.println("reports: " + folder);
      }
    }
    out.flush();
    verification.ifPresent(
        comparison ->
            ComparisonTable.loudLines(comparison).forEach(l -> err.println("actorlab: " + l)));
    advice.excluded().forEach(line -> err.println("actorlab: !! " + line));
    err.flush();

    boolean wrong =
        advice.wrongAnswer() || verification.map(c -> !c.checksumsMatch()).orElse(false);
    boolean failed =
        profile.modes().stream().anyMatch(m -> m.failed() > 0)
            || verification.map(c -> c.tasksFailed() || !c.complete()).orElse(false);
    return wrong ? Main.CHECKSUM_MISMATCH : failed ? Main.TASKS_FAILED : 0;
  }

  /** A pool configuration of the mode, with the user's configuration and -v applied. */
  private ActorLab lab(String mode) {
    ActorLab lab = config.lab(mode);
    Logging.configure(output.verbose, lab);
    return lab;
  }

  /** The modes named, each checked; else every mode this JVM can run. */
  private List<String> candidates() {
    int java = Machine.current().javaFeature();
    if (!modes.isEmpty()) {
      for (String mode : modes) {
        ActorLabSettings.create(lab(mode).config()).mode().checkJavaVersion(java);
      }
      List<String> named = new ArrayList<>(modes);
      named.remove(Profiler.BASELINE);
      return named;
    }
    List<String> runnable = new ArrayList<>();
    for (ModeCatalog.ModeFile file : new ModeCatalog(config.dir.confDir()).all()) {
      if (ActorLabSettings.create(lab(file.name()).config()).mode().requiresJava() <= java) {
        runnable.add(file.name());
      }
    }
    return runnable;
  }
}
