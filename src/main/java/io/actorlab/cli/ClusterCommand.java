package io.actorlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.actorlab.api.ActorLab;
import io.actorlab.cluster.ClusterMonitor;
import io.actorlab.cluster.ClusterSettings;
import io.actorlab.cluster.ClusterState;
import io.actorlab.cluster.LocalCluster;
import io.actorlab.cluster.MembershipClient;
import io.actorlab.cluster.NodeLauncher;
import io.actorlab.cluster.NodeStats;
import io.actorlab.report.Units;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code actorlab cluster}: a cluster of worker nodes on this machine that stays up between runs —
 * start it, look at it through the cluster's own membership, stop or kill a node, take it down.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "A cluster of worker nodes on this machine that stays up between runs.",
      "  bin/actorlab cluster up --nodes 3",
      "  bin/actorlab cluster status [--watch]",
      "  bin/actorlab run --mode processes --workers 3 -D actorlab.cluster.state=tmp/actorlab-cluster",
      "  bin/actorlab cluster kill node-3",
      "  bin/actorlab cluster down",
      "See docs/cluster.md."
    },
    subcommands = {
      ClusterCommand.Up.class,
      ClusterCommand.Status.class,
      ClusterCommand.Stop.class,
      ClusterCommand.Kill.class,
      ClusterCommand.Down.class
    })
final class ClusterCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The options every cluster subcommand shares: the state folder, configuration, verbosity. */
  abstract static class Subcommand implements Callable<Integer>, Main.Verbosity {

    @Option(
        names = "--state",
        paramLabel = "DIR",
        description =
            "The cluster's state folder (node addresses, pids, logs). Default: tmp/actorlab-cluster"
                + " in the actorlab folder.")
    Path state;

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

    Path stateDir() {
      return state != null ? state.toAbsolutePath() : ClusterState.defaultDir();
    }

    /** The nodes' configuration: the processes mode with --conf and -D, as `cluster up` gave them. */
    Config nodeConfig() {
      ActorLab lab = config.lab("processes");
      Logging.configure(verbose, lab);
      return lab.config();
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description = {
        "Start N worker nodes in the background (the first is the seed) and wait until all are Up.",
        "They keep running after this command ends, until `cluster down`."
      })
  static final class Up extends Subcommand {

    @Option(
        names = {"-n", "--nodes"},
        paramLabel = "N",
        defaultValue = "3",
        description = "How many nodes. Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(
        names = "--port",
        paramLabel = "PORT",
        defaultValue = "25520",
        description =
            "The seed's port; node k listens on PORT+k-1. 0 picks free ports. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
        names = "--host",
        paramLabel = "HOST",
        description = "The address the nodes bind and advertise. Default: actorlab.cluster.host (127.0.0.1).")
    String host;

    @Option(
        names = {"-m", "--mode"},
        paramLabel = "MODE",
        defaultValue = "processes",
        description = "The mode whose settings the nodes use. Default: ${DEFAULT-VALUE}.")
    String mode;

    @Override
    public Integer call() {
      ActorLab lab = config.lab(mode);
      if (host != null) {
        lab.set("actorlab.cluster.host", host);
      }
      Logging.configure(verbose, lab);
      Config resolved = lab.config();
      ClusterSettings settings = ClusterSettings.create(resolved);
      List<String> nodeArgs = new ArrayList<>(List.of("--mode", mode));
      nodeArgs.addAll(config.asArguments());
      if (verbose) {
        nodeArgs.add("--verbose");
      }
      LocalCluster.Plan plan =
          new LocalCluster.Plan(
              nodes,
              settings.host(),
              port,
              settings.workerJvmOptions(),
              nodeArgs,
              settings.joinTimeout());
      ClusterState started = LocalCluster.up(stateDir(), plan, resolved);
      PrintWriter out = out();
      out.println("cluster up: " + nodes + " nodes, state in " + started.dir());
      for (ClusterState.Node node : started.nodes()) {
        out.printf("  %-8s %-34s pid %-8d log %s%n", node.name(), node.address(), node.pid(), node.log());
      }
      out.println("run on it:  bin/actorlab run --mode processes --workers " + nodes
          + " -D actorlab.cluster.state=" + started.dir());
      out.println("stop it:    bin/actorlab cluster down" + stateOption());
      return 0;
    }

    private String stateOption() {
      return state == null ? "" : " --state " + stateDir();
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = {
        "Show the cluster's members as the cluster sees them: status (Joining, Up, Leaving, Exiting,"
            + " Down, Removed), reachability, roles, and each worker node's pid and memory.",
        "--watch then prints every membership change as it happens, until Ctrl-C."
      })
  static final class Status extends Subcommand {

    /** Generous: the first question also opens the connection, slow on a busy machine. */
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Option(names = "--json", description = "One JSON object instead of the table.")
    boolean json;

    @Option(names = "--watch", description = "After the table, stream membership changes until Ctrl-C.")
    boolean watch;

    /** One member, with what the state folder and the node itself add. */
    private record Row(ClusterMonitor.MemberInfo member, String name, NodeStats.Stats stats) {}

    @Override
    public Integer call() throws Exception {
      ClusterState cluster = ClusterState.require(stateDir());
      Config nodeConfig = nodeConfig();
      ClusterState.Node asked =
          cluster.running().stream()
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no node of the cluster in "
                              + cluster.dir()
                              + " is running; `actorlab cluster down` removes its state"));
      try (MembershipClient client = MembershipClient.start(nodeConfig, asked.host())) {
        ClusterMonitor.Members members = members(client, asked);
        List<Row> rows = new ArrayList<>();
        for (ClusterMonitor.MemberInfo member : members.members()) {
          rows.add(new Row(member, name(cluster, member.address()), stats(client, member)));
        }
        rows.sort(Comparator.comparing(Row::name).thenComparing(row -> row.member().address()));
        List<ClusterState.Node> notMembers =
            cluster.nodes().stream()
                .filter(
                    node ->
                        members.members().stream()
                            .noneMatch(member -> member.address().equals(node.address())))
                .collect(Collectors.toList());
        if (json) {
          out().println(json(cluster, asked, members, rows, notMembers));
        } else {
          printTable(cluster, asked, members, rows, notMembers);
        }
        out().flush();
        return watch ? watch(client, cluster, asked) : 0;
      }
    }

    private static ClusterMonitor.Members members(MembershipClient client, ClusterState.Node asked) {
      try {
        return client.members(asked.address(), ASK_TIMEOUT);
      } catch (IllegalStateException noAnswer) {
        throw new IllegalStateException(
            noAnswer.getMessage()
                + "; "
                + asked.name()
                + " runs (pid "
                + asked.pid()
                + ") but does not answer: is it overloaded? The end of "
                + asked.log()
                + ":"
                + System.lineSeparator()
                + NodeLauncher.tail(asked.log()),
            noAnswer);
      }
    }

    private static String name(ClusterState cluster, String address) {
      return cluster.byAddress(address).map(ClusterState.Node::name).orElse("-");
    }

    /** A worker node's figures; none for a node that is not Up and reachable or runs no stats actor. */
    private static NodeStats.Stats stats(MembershipClient client, ClusterMonitor.MemberInfo member) {
      if (!member.reachable()
          || !member.status().equals("Up")
          || !member.roles().contains(ClusterSettings.WORKER_ROLE)) {
        return null;
      }
      try {
        return client.stats(member.address(), ASK_TIMEOUT);
      } catch (IllegalStateException noAnswer) {
        return null;
      }
    }

    private void printTable(
        ClusterState cluster,
        ClusterState.Node asked,
        ClusterMonitor.Members members,
        List<Row> rows,
        List<ClusterState.Node> notMembers) {
      PrintWriter out = out();
      out.println(
          "cluster of " + cluster.dir() + ", as " + asked.name() + " sees it; leader "
              + (members.leader().isEmpty() ? "none" : members.leader()));
      out.printf("%-8s %-34s %-8s %-11s %-20s %8s %10s%n",
          "name", "address", "status", "reachable", "roles", "pid", "rss");
      for (Row row : rows) {
        ClusterMonitor.MemberInfo member = row.member();
        out.printf(
            "%-8s %-34s %-8s %-11s %-20s %8s %10s%n",
            row.name(),
            member.address(),
            member.status(),
            member.reachable() ? "yes" : "UNREACHABLE",
            String.join(",", member.roles()),
            row.stats() == null ? "-" : String.valueOf(row.stats().pid()),
            row.stats() == null ? "-" : Units.bytes(row.stats().rssBytes()));
      }
      for (ClusterState.Node node : notMembers) {
        out.printf(
            "%-8s %-34s not a member (pid %d %s)%n",
            node.name(), node.address(), node.pid(), node.running() ? "running" : "exited");
      }
    }

    private static String json(
        ClusterState cluster,
        ClusterState.Node asked,
        ClusterMonitor.Members members,
        List<Row> rows,
        List<ClusterState.Node> notMembers)
        throws Exception {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode root = mapper.createObjectNode();
      root.put("state", cluster.dir().toString());
      root.put("asked", asked.address());
      root.put("leader", members.leader());
      ArrayNode list = root.putArray("members");
      for (Row row : rows) {
        ObjectNode member = list.addObject();
        member.put("name", row.name());
        member.put("address", row.member().address());
        member.put("status", row.member().status());
        member.put("reachable", row.member().reachable());
        row.member().roles().forEach(member.putArray("roles")::add);
        if (row.stats() != null) {
          member.put("pid", row.stats().pid());
          member.put("rss_bytes", row.stats().rssBytes());
        }
      }
      ArrayNode others = root.putArray("not_members");
      for (ClusterState.Node node : notMembers) {
        ObjectNode entry = others.addObject();
        entry.put("name", node.name());
        entry.put("address", node.address());
        entry.put("pid", node.pid());
        entry.put("running", node.running());
      }
      return mapper.writeValueAsString(root);
    }

    /** Prints membership changes as the asked node sees them, until it goes (1) or Ctrl-C. */
    private int watch(MembershipClient client, ClusterState cluster, ClusterState.Node asked) {
      PrintWriter out = out();
      out.println("watching membership changes through " + asked.name() + "; Ctrl-C to stop");
      out.flush();
      client
          .watch(
              asked.address(),
              change -> {
                out.printf(
                    "%s  %-11s %-8s %s%n",
                    LocalTime.now().format(CLOCK),
                    change.event(),
                    name(cluster, change.member().address()),
                    change.member().address());
                out.flush();
              })
          .toCompletableFuture()
          .join();
      out.println(asked.name() + ", the node this watch listened to, has gone; run status again");
      return 1;
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Make one node leave the cluster gracefully; its process then exits.")
  static final class Stop extends Subcommand {

    @Parameters(paramLabel = "NODE", description = "The node's name (node-2), address or port.")
    String node;

    @Override
    public Integer call() {
      ClusterState cluster = ClusterState.require(stateDir());
      ClusterState.Node target = cluster.node(node);
      Config nodeConfig = nodeConfig();
      LocalCluster.stop(
          cluster, target, nodeConfig, ClusterSettings.create(nodeConfig).leaveTimeout());
      out().println(target.name() + " (pid " + target.pid() + ") left the cluster and exited");
      return 0;
    }
  }

  @Command(
      name = "kill",
      mixinStandardHelpOptions = true,
      description = {
        "Kill one node's process at once (kill -9), as a crash would.",
        "`cluster status` then shows it UNREACHABLE, and, once the Split Brain Resolver has downed it,"
            + " gone from the members."
      })
  static final class Kill extends Subcommand {

    @Parameters(paramLabel = "NODE", description = "The node's name (node-2), address or port.")
    String node;

    @Override
    public Integer call() {
      ClusterState.Node target = ClusterState.require(stateDir()).node(node);
      LocalCluster.kill(target);
      out().println(target.name() + " (pid " + target.pid() + ") killed");
      return 0;
    }
  }

  @Command(
      name = "down",
      mixinStandardHelpOptions = true,
      description = {
        "Stop every node of the cluster (each leaves on SIGTERM; those still running after"
            + " actorlab.cluster.leave-timeout are killed) and remove the state folder."
      })
  static final class Down extends Subcommand {

    @Override
    public Integer call() {
      Duration timeout = ClusterSettings.create(nodeConfig()).leaveTimeout();
      List<ClusterState.Node> stopped = LocalCluster.down(stateDir(), timeout);
      out().println(
          "cluster down: stopped "
              + stopped.size()
              + " node"
              + (stopped.size() == 1 ? "" : "s")
              + ", removed "
              + stateDir());
      return 0;
    }
  }
}
