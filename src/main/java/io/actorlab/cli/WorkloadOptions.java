package io.actorlab.cli;

import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadSpec;
import io.actorlab.workload.Workloads;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options that choose a workload and its size, shared by every command that runs one. */
final class WorkloadOptions {

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

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /**
   * The chosen workload: a built-in by name or, for tests and experiments, the fully qualified name
   * of a {@link Workload} class on the class path with a public no-argument constructor.
   */
  Workload workload() {
    return Workloads.named(workload).orElseGet(() -> workloadClass(workload));
  }

  /** The run's parameters, the workload's defaults where options are absent. */
  WorkloadSpec spec(Workload chosen) {
    return new WorkloadSpec(
        positive("--tasks", tasks, chosen.defaultTasks()),
        positive("--size", size, chosen.defaultSize()),
        variant);
  }

  /** Fails like picocli does for a bad option value. */
  int positive(String option, Integer value, int fallback) {
    return value == null ? fallback : (int) positiveCheck(option, value);
  }

  private long positive(String option, Long value, long fallback) {
    return value == null ? fallback : positiveCheck(option, value);
  }

  private long positiveCheck(String option, Number value) {
    if (value.longValue() < 1) {
      throw new ParameterException(
          spec.commandLine(), option + " must be at least 1, got " + value);
    }
    return value.longValue();
  }

  private Workload workloadClass(String name) {
    if (name.contains(".")) {
      try {
        Class<?> type = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
        if (Workload.class.isAssignableFrom(type)) {
          return (Workload) type.getConstructor().newInstance();
        }
      } catch (ReflectiveOperationException | LinkageError e) {
        // not a usable class: reported as an unknown workload below
      }
    }
    throw new ParameterException(
        spec.commandLine(),
        "unknown workload '"
            + name
            + "'; valid workloads: "
            + Workloads.all().stream().map(Workload::name).collect(Collectors.joining(", ")));
  }
}
