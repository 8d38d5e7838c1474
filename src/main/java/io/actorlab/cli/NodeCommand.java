package io.actorlab.cli;

import com.typesafe.config.Config;
import io.actorlab.cluster.WorkerNodes;
import io.actorlab.cluster.WorkerNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.typed.ActorSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code actorlab node}: one worker node of a cluster, in this JVM, until it is stopped. Started by hand
 * (a terminal per node, or one per host) or by a processes run for each of its worker JVMs.
 */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Start one worker node that joins a cluster and runs tasks for whichever run's coordinator"
          + " joins it. Stop it with Ctrl-C.",
      "Example, two terminals:",
      "  bin/actorlab node --port 25521 --seed 127.0.0.1:25521",
      "  bin/actorlab run --mode processes --workers 1 \\",
      "      -D 'actorlab.cluster.seed-nodes=[\"pekko://actorlab@127.0.0.1:25521\"]'",
      "See docs/cluster.md."
    })
final class NodeCommand implements Callable<Integer>, Main.Verbosity {

  @Option(
      names = {"-m", "--mode"},
      paramLabel = "MODE",
      defaultValue = "processes",
      description = "Mode whose settings the node uses (workers per node, dispatchers). Default: ${DEFAULT-VALUE}.")
  String mode;

  @Option(
      names = "--seed",
      paramLabel = "HOST:PORT",
      description = "A node to join through; may be repeated. Give this node's own address to start a new cluster.")
  List<String> seeds = new ArrayList<>();

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "0",
      description = "Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "Address to bind and advertise. Default: actorlab.cluster.host (127.0.0.1).")
  String host;

  @Option(names = "--exit-with-parent", hidden = true, description = "Stop when standard input closes.")
  boolean exitWithParent;

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
    // The node's actor system loads task classes and Kryo registrations with --jar and --classpath.
    try (UserClasses classes = config.userClasses()) {
      return runNode();
    }
  }

  private int runNode() {
    var lab = config.lab(mode);
    if (host != null) {
      lab.set("actorlab.cluster.host", host);
    }
    Logging.configure(verbose, lab);
    Config resolved = lab.config();
    String clusterHost = resolved.getString("actorlab.cluster.host");
    List<String> addresses = new ArrayList<>();
    for (String seed : seeds) {
      addresses.add(seed.startsWith("pekko://") ? seed : "pekko://actorlab@" + seed);
    }
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException(
          "give at least one --seed HOST:PORT (this node's own address starts a new cluster,"
              + " e.g. --port 25521 --seed "
              + clusterHost
              + ":25521)");
    }
    ActorSystem<WorkerNode.Command> system = WorkerNodes.start(resolved, addresses, port, exitWithParent);
    PrintWriter out = spec.commandLine().getOut();
    out.println("actorlab node up at " + WorkerNodes.address(system) + ", joining " + addresses);
    out.flush();
    system.getWhenTerminated().toCompletableFuture().join();
    return 0;
  }
}
