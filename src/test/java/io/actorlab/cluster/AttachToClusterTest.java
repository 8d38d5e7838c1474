package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.api.ActorLab;
import io.actorlab.api.Square;
import io.actorlab.api.RunListener;
import io.actorlab.api.WarmPool;
import io.actorlab.api.WorkerPool;
import io.actorlab.measure.RunReport;
import io.actorlab.testing.Cli;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadSpec;
import io.actorlab.workload.Workloads;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A processes run can attach to a cluster of nodes started by hand ({@code actorlab node}) instead of
 * spawning its own, and such a node serves one run after another.
 */
class AttachToClusterTest {

  private Process node;

  @AfterEach
  void stopNode() {
    if (node != null) {
      node.destroyForcibly();
    }
    Descendants.assertNoneLeft();
  }

  @Test
  void runsOnAHandStartedNodeTwiceInARow() throws Exception {
    String address = startNode();
    for (int run = 1; run <= 2; run++) {
      try (WorkerPool pool = attachedTo(address).start()) {
        assertEquals(List.of(1L, 4L, 9L), pool.map(new Square(), List.of(1, 2, 3)), "run " + run);
      }
    }
    assertTrue(node.isAlive(), "a node started by hand keeps serving after a run");
  }

  /**
   * A hand-started node serves one coordinator at a time, so a warm pool attached to it must not
   * keep it: another pool (the next mode of a comparison) would wait for it until its start timeout.
   */
  @Test
  void aWarmPoolLetsGoOfTheNodesOfARunningClusterAfterEachRun() throws Exception {
    String address = startNode();
    Workload primes = Workloads.named("primes").orElseThrow();
    WorkloadSpec spec = new WorkloadSpec(2, 1_000, null);
    try (WarmPool first = new WarmPool(attachedTo(address));
        WarmPool second = new WarmPool(attachedTo(address))) {
      List<RunReport> runs =
          List.of(
              first.run(primes, spec, RunListener.NONE),
              second.run(primes, spec, RunListener.NONE),
              first.run(primes, spec, RunListener.NONE));

      for (RunReport run : runs) {
        assertEquals(RunReport.Pool.STARTED, run.pool(), "not kept: " + run);
        assertEquals(2, run.completed());
      }
    }
    assertTrue(node.isAlive(), "the node keeps serving");
  }

  @Test
  void aRunWhoseWireSettingsDifferFromTheClustersIsRefused() throws Exception {
    String address = startNode("-D", "actorlab.serialization.max-message-bytes=1MiB");
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> attachedTo(address).start());
    assertTrue(refused.getMessage().contains("refused this node"), refused.getMessage());
    assertTrue(
        refused.getMessage().contains("actorlab.serialization.max-message-bytes"),
        refused.getMessage());
    assertTrue(node.isAlive(), "the cluster's node carries on");
  }

  private static ActorLab attachedTo(String address) {
    return ActorLab.mode("processes")
        .workers(1)
        .set("actorlab.cluster.seed-nodes", List.of("pekko://actorlab@" + address));
  }

  /** Starts a node by hand that is its own seed, with these extra options; returns its address. */
  private String startNode(String... options) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    String address = "127.0.0.1:" + port;
    List<String> command = Cli.command("node", "--port", String.valueOf(port), "--seed", address);
    command.addAll(List.of(options));
    node = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader output =
        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    String up =
        CompletableFuture.supplyAsync(() -> readUntil(output, "actorlab node up at"))
            .get(60, TimeUnit.SECONDS);
    assertTrue(up.contains(address), up);
    return address;
  }

  private static String readUntil(BufferedReader output, String marker) {
    try {
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        if (line.contains(marker)) {
          return line;
        }
      }
      return "(the node exited before it was up)";
    } catch (java.io.IOException e) {
      return "(cannot read the node's output: " + e + ")";
    }
  }
}
