package io.actorlab.cli;

import io.actorlab.workload.Workload;
import io.actorlab.workload.Workloads;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code actorlab workloads}: the built-in workloads with their size knob and defaults. */
@Command(
    name = "workloads",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "List the built-in workloads, what --size means for each, and their defaults.")
final class WorkloadsCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    List<Workload> workloads = Workloads.all();
    int width = workloads.stream().mapToInt(w -> w.name().length()).max().orElse(0);
    PrintWriter out = spec.commandLine().getOut();
    String indent = " ".repeat(width + 2);
    for (Workload workload : workloads) {
      out.printf("%-" + width + "s  %s%n", workload.name(), workload.description());
      out.printf(
          "%s--size: %s (default %d; %d tasks)%n",
          indent, workload.sizeMeaning(), workload.defaultSize(), workload.defaultTasks());
      if (!workload.variants().isEmpty()) {
        out.printf("%s--variant: %s%n", indent, String.join(", ", workload.variants()));
      }
    }
  }
}
