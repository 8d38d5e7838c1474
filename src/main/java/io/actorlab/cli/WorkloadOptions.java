package io.actorlab.cli;

import io.actorlab.api.TaskClasses;
import io.actorlab.task.Task;
import io.actorlab.workload.TaskWorkload;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadSpec;
import io.actorlab.workload.Workloads;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options that choose a workload and its size, shared by every command that runs one. */
final class WorkloadOptions {

  private static final String DEFAULT_WORKLOAD = "primes";

  @Option(
      names = {"-w", "--workload"},
      paramLabel = "NAME",
      description = "Built-in workload (see `actorlab workloads`). Default: " + DEFAULT_WORKLOAD + ".")
  String workload;

  @Option(
      names = "--task",
      paramLabel = "CLASS",
      description = {
        "Your own task instead of a workload: the full name of a public class implementing"
            + " io.actorlab.task.Task, with a public no-argument constructor, found on --jar /"
            + " --classpath. Its inputs come from --inputs, or from the class itself when it"
            + " implements io.actorlab.task.InputSource. Not with --workload."
      })
  String task;

  @Option(
      names = "--inputs",
      paramLabel = "FILE",
      description = {
        "With --task: one input per line, read as the task's input type: the line itself for"
            + " String, else JSON (42, 2.5, [1, 2], {\"field\": 1} for a record or bean). Blank and"
            + " # lines are skipped. --tasks defaults to the number of inputs; more tasks start"
            + " over at the first."
      })
  Path inputs;

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
   * The chosen workload: the user's {@code --task}; else a built-in by name or, for tests and
   * experiments, the fully qualified name of a {@link Workload} class on the class path with a public
   * no-argument constructor.
   *
   * @param classes where the user's classes are, loaded on this thread
   */
  Workload workload(UserClasses classes) {
    if (task != null) {
      if (workload != null) {
        throw new ParameterException(
            spec.commandLine(), "--workload and --task exclude each other: give one of them");
      }
      Task<?, ?> instance = taskInstance(classes);
      return inputs == null
          ? TaskWorkload.withOwnInputs(instance)
          : TaskWorkload.withInputsFile(instance, inputs);
    }
    if (inputs != null) {
      throw new ParameterException(
          spec.commandLine(), "--inputs goes with --task (the inputs of your own task)");
    }
    String name = workload == null ? DEFAULT_WORKLOAD : workload;
    return Workloads.named(name).orElseGet(() -> workloadClass(name));
  }

  /** The run's parameters, the workload's defaults where options are absent. */
  WorkloadSpec spec(Workload chosen) {
    if (inputs != null && size != null) {
      throw new ParameterException(
          spec.commandLine(), "--size is not used with --inputs: the file gives the inputs");
    }
    if (task != null && variant != null) {
      throw new ParameterException(
          spec.commandLine(), "--variant is for built-in workloads, not for --task");
    }
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

  /**
   * These options as command-line arguments again, for a child JVM: the workload as the user named it
   * (a built-in, a class name or a task with its inputs file, made absolute) and the resolved spec.
   */
  List<String> asArguments(WorkloadSpec workloadSpec) {
    List<String> args = new ArrayList<>();
    if (task != null) {
      args.add("--task");
      args.add(task);
      if (inputs != null) {
        args.add("--inputs");
        args.add(inputs.toAbsolutePath().toString());
      }
    } else {
      args.add("--workload");
      args.add(workload == null ? DEFAULT_WORKLOAD : workload);
    }
    args.add("--tasks");
    args.add(Integer.toString(workloadSpec.tasks()));
    if (inputs == null) {
      args.add("--size");
      args.add(Long.toString(workloadSpec.size()));
    }
    if (workloadSpec.variant() != null) {
      args.add("--variant");
      args.add(workloadSpec.variant());
    }
    return args;
  }

  /**
   * An instance of {@code --task}, loaded with the user's classes.
   *
   * @throws IllegalArgumentException naming the class and what is wrong with it: not found (and where
   *     it was looked for), not a task, or not a class workers can create
   */
  private Task<?, ?> taskInstance(UserClasses classes) {
    Class<?> type;
    try {
      type = Class.forName(task, false, classes.loader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "task class " + task + " not found; looked in " + classes.searched(), e);
    } catch (LinkageError e) {
      throw new IllegalArgumentException(
          "task class " + task + " cannot be loaded from " + classes.searched() + ": " + e, e);
    }
    if (!Task.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(
          task + " is not a task: it does not implement " + Task.class.getName());
    }
    if (Modifier.isAbstract(type.getModifiers())) {
      throw new IllegalArgumentException(
          "task class " + task + " is abstract: give a concrete class that workers can create");
    }
    TaskClasses.check(type);
    try {
      return (Task<?, ?>) type.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(
          "task class " + task + ": its constructor threw " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalArgumentException("task class " + task + " cannot be created: " + e, e);
    }
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
