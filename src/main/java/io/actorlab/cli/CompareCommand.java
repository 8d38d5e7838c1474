package io.actorlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.actorlab.compare.ChildJvm;
import io.actorlab.compare.ChildJvmRunner;
import io.actorlab.compare.CompareSettings;
import io.actorlab.compare.Comparer;
import io.actorlab.compare.ComparePlan;
import io.actorlab.measure.Machine;
import io.actorlab.measure.RunReport;
import io.actorlab.mode.ActorLabSettings;
import io.actorlab.mode.ModeCatalog;
import io.actorlab.report.Comparison;
import io.actorlab.report.ComparisonFiles;
import io.actorlab.report.ComparisonJson;
import io.actorlab.report.ComparisonTable;
import io.actorlab.report.JsonReport;
import io.actorlab.report.Units;
import io.actorlab.workload.PreparedWorkload;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code actorlab compare}: one workload under several modes, interleaved, each in its own JVM. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Run one workload under several execution modes and compare them side by side.",
      "",
      "Each mode runs in a JVM of its own (same java, options and class path as this one), kept for"
          + " its runs, so its heap, JIT and peak memory are its own. Its first run starts a pool (worker"
          + " JVMs, for processes) that its later runs reuse, so every mode is measured warm and"
          + " start-up is each pool's cold start, once (actorlab.compare.reuse-pool = off: a fresh"
          + " pool every run). The modes run interleaved, round after round (a b c a b"
          + " c ...), so drift on the machine hits them alike; the first round is a warm-up, not"
          + " reported, because a JVM's first run loads classes and runs interpreted code. The table"
          + " gives each mode's median, and report.json, report.csv and report.html go to --report.",
      "",
      "Exit code: 0 every task succeeded and every mode computed the same checksum; 1 some task"
          + " failed, or a mode's JVM failed; 2 bad input; 3 a mode computed a different checksum"
          + " (a wrong answer: takes precedence over 1)."
    })
final class CompareCommand extends WorkloadCommand {

  @Option(
      names = {"-m", "--modes"},
      paramLabel = "MODE",
      split = ",",
      description =
          "Modes to compare, comma-separated, in this order (see `actorlab modes`). Default: for a"
              + " workload whose tasks compute, actorlab.compare.cpu-modes (sequential, gil,"
              + " threads, serialize-local); for one whose tasks wait, blocking-modes (sequential,"
              + " gil, threads, thread-pool, and virtual on Java 21+). Default modes this JVM"
              + " cannot run are skipped with a note.")
  List<String> modes = new ArrayList<>();

  @Option(
      names = {"-k", "--workers"},
      paramLabel = "K",
      split = ",",
      description =
          "Worker counts, comma-separated, each at least 1: each mode runs at each (e.g. 1,2,4)."
              + " A mode that runs tasks on the caller (sequential) runs once, with 1. Default:"
              + " actorlab.workers, which is one per core unless set.")
  List<Integer> workers = new ArrayList<>();

  @Option(
      names = {"-r", "--repeat"},
      paramLabel = "R",
      description = "Measured rounds; the table gives each mode's median. Default: actorlab.compare.repeat (3).")
  Integer repeat;

  @Option(
      names = "--warmup",
      paramLabel = "W",
      description = "Warm-up rounds run first and not reported. Default: actorlab.compare.warmup (1).")
  Integer warmup;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description =
          "Folder for report.json, report.csv and report.html. Default:"
              + " reports/<yyyyMMdd-HHmmss>-<workload>/ (actorlab.compare.report-root).")
  Path report;

  @Override
  int run(Workload chosen, WorkloadSpec workloadSpec) throws Exception {
    workers.forEach(count -> workload.positive("--workers", count, 1));
    CompareSettings settings = CompareSettings.create(config.withoutMode());
    int rounds = repeat == null ? settings.repeat() : workload.positive("--repeat", repeat, 1);
    int warmups = warmup == null ? settings.warmup() : nonNegative("--warmup", warmup);
    boolean blocking = blocking(chosen, workloadSpec);
    boolean chosenByUser = !modes.isEmpty();
    Set<String> available =
        new ModeCatalog(config.dir.confDir())
            .all().stream().map(ModeCatalog.ModeFile::name).collect(Collectors.toSet());
    ComparePlan plan =
        ComparePlan.of(
            chosenByUser ? modes : blocking ? settings.blockingModes() : settings.cpuModes(),
            chosenByUser,
            available,
            workers,
            mode -> ActorLabSettings.create(config.lab(mode).config()),
            Machine.current().javaFeature());
    Comparison.Setup setup =
        new Comparison.Setup(
            chosen.name(),
            variantOf(chosen, workloadSpec),
            workloadSpec.tasks(),
            workloadSpec.size(),
            warmups,
            rounds,
            plan.cells(),
            ChildJvmRunner.isolation(settings.reusePool()));
    List<String> base = childArguments(workload, workloadSpec, config, output.verbose);
    Comparer comparer = new Comparer(setup, plan.skipped());
    Comparison comparison;
    try (Progress progress = progress(comparer, output)) {
      // Ctrl-C or SIGTERM ends this JVM mid-run: the hook reports the runs measured until then, on
      // a terminal cleared of the progress bar.
      Thread hook =
          new Thread(
              () -> {
                progress.close();
                reportInterrupted(comparer, settings);
              },
              "actorlab-interrupted");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        comparison = run(comparer, progress, base, settings, output, spec);
      } catch (RuntimeException failure) {
        if (removed(hook)) {
          throw failure;
        }
        return Main.TASKS_FAILED; // told to exit, which failed the run: the hook reports
      }
      if (!removed(hook)) {
        return Main.TASKS_FAILED; // told to exit meanwhile: the hook reports
      }
    }
    return report(comparison, settings);
  }

  /** Writes the reports, prints the table and returns the exit code the comparison deserves. */
  private int report(Comparison comparison, CompareSettings settings) throws IOException {
    Path folder = reportFolder(report, settings, comparison);
    List<Path> files = ComparisonFiles.write(comparison, folder);
    print(comparison, folder, files);
    if (!comparison.checksumsMatch()) {
      return Main.CHECKSUM_MISMATCH;
    }
    return comparison.tasksFailed() || !comparison.complete() ? Main.TASKS_FAILED : 0;
  }

  /** In the shutdown hook: the report of the runs measured before the JVM was told to exit. */
  private void reportInterrupted(Comparer comparer, CompareSettings settings) {
    Optional<Comparison> soFar =
        comparer.soFar("interrupted (this JVM was told to exit: Ctrl-C or a signal)");
    PrintWriter err = spec.commandLine().getErr();
    if (soFar.isEmpty()) {
      err.println("actorlab: interrupted before any run was measured: no report written");
    } else {
      try {
        report(soFar.get(), settings);
      } catch (IOException | RuntimeException e) {
        err.println("actorlab: interrupted, and the report of the runs so far failed: " + e);
      }
    }
    err.flush();
  }

  /** Removes a shutdown hook; false when the JVM is already exiting, so the hook runs or has run. */
  private static boolean removed(Thread hook) {
    try {
      return Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException exiting) {
      return false;
    }
  }

  private void print(Comparison comparison, Path folder, List<Path> files) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (output.json) {
      ObjectNode json = ComparisonJson.toNode(comparison);
      json.put("report_dir", folder.toString());
      out.println(JsonReport.write(json, false));
    } else {
      out.println(ComparisonTable.render(comparison));
      out.println(
          "reports: "
              + files.stream().map(Path::toString).collect(Collectors.joining("  ")));
    }
    out.flush();
    // Loud on stderr too, so a wrong answer is seen even when stdout goes to a file or a script.
    ComparisonTable.loudLines(comparison).forEach(line -> err.println("actorlab: " + line));
    err.flush();
  }

  /**
   * Runs a comparison, each cell in its own JVM, with a progress bar on a terminal and, with -v, a
   * line per run on stderr. Shared with {@code advise --verify}.
   */
  static Comparison run(
      Comparer comparer,
      List<String> base,
      CompareSettings settings,
      OutputOptions output,
      CommandSpec spec) {
    try (Progress progress = progress(comparer, output)) {
      return run(comparer, progress, base, settings, output, spec);
    }
  }

  /** The progress bar of a comparison's runs (silent with --json, --quiet or off a terminal). */
  private static Progress progress(Comparer comparer, OutputOptions output) {
    return Progress.when(!output.json && !output.quiet, "compare", comparer.plannedRuns(), "runs");
  }

  private static Comparison run(
      Comparer comparer,
      Progress progress,
      List<String> base,
      CompareSettings settings,
      OutputOptions output,
      CommandSpec spec) {
    List<String> serve = new ArrayList<>(base);
    if (settings.reusePool()) {
      serve.add("--reuse-pool");
    }
    try (ChildJvmRunner runner =
        new ChildJvmRunner(cell -> command(serve, cell), output.verbose, settings.stopTimeout())) {
      return comparer.compare(runner, listener(progress, output, spec.commandLine().getErr()));
    }
  }

  /** The folder the reports go to: --report, else a new one under actorlab.compare.report-root. */
  static Path reportFolder(Path report, CompareSettings settings, Comparison comparison) {
    return report != null
        ? report
        : ComparisonFiles.newFolder(
            Paths.get(settings.reportRoot()), comparison.started(), comparison.setup().workload());
  }

  private static Comparer.Listener listener(
      Progress progress, OutputOptions output, PrintWriter err) {
    return (done, total, slot, report) -> {
      progress.completed(done);
      if (output.verbose) {
        err.printf(
            "actorlab: run %d/%d, round %d%s, %s: wall %s, checksum %d%s%n",
            done,
            total,
            slot.round(),
            slot.warmup() ? " (warm-up)" : "",
            slot.cell().label(),
            Units.duration(report.wallNanos()),
            report.checksum(),
            report.failed() > 0 ? ", " + report.failed() + " tasks failed" : "");
        err.flush();
      }
    };
  }

  /**
   * The child's arguments that are the same for every cell: workload (as the user named it: a
   * built-in, a class name or a task), configuration and the user's class path, logging.
   */
  static List<String> childArguments(
      WorkloadOptions workload, WorkloadSpec workloadSpec, ConfigOptions config, boolean verbose) {
    List<String> args = new ArrayList<>();
    args.add("run");
    args.add("--serve");
    args.addAll(workload.asArguments(workloadSpec));
    args.addAll(config.asArguments());
    if (verbose) {
      args.add("--verbose");
    }
    return args;
  }

  private static List<String> command(List<String> base, Comparison.Cell cell) {
    List<String> command = new ArrayList<>(ChildJvm.javaCommand(Main.class.getName()));
    command.addAll(base);
    command.add("--mode");
    command.add(cell.mode());
    command.add("--workers");
    command.add(Integer.toString(cell.workers()));
    return command;
  }

  /**
   * Whether the workload's tasks mostly wait, which picks the default modes. Preparing it here also
   * checks the spec (a bad --variant, say) before any JVM starts.
   */
  private static boolean blocking(Workload chosen, WorkloadSpec workloadSpec) throws Exception {
    try (PreparedWorkload<?, ?> prepared = chosen.prepare(workloadSpec)) {
      return prepared.task().blocking();
    }
  }

  static String variantOf(Workload chosen, WorkloadSpec workloadSpec) {
    if (workloadSpec.variant() != null && !workloadSpec.variant().isEmpty()) {
      return workloadSpec.variant();
    }
    return chosen.variants().isEmpty() ? "" : chosen.variants().get(0);
  }

  private int nonNegative(String option, int value) {
    if (value < 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), option + " must be at least 0, got " + value);
    }
    return value;
  }
}
