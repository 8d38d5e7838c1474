package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.api.ActorLab;
import io.actorlab.api.Square;
import io.actorlab.api.WorkerPool;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
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
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    String address = "127.0.0.1:" + port;
    node =
        new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.actorlab.cli.Main",
                "node",
                "--port",
                String.valueOf(port),
                "--seed",
                address)
            .redirectErrorStream(true)
            .start();
    BufferedReader output =
        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    String up =
        CompletableFuture.supplyAsync(() -> readUntil(output, "actorlab node up at"))
            .get(60, TimeUnit.SECONDS);
    assertTrue(up.contains(address), up);

    for (int run = 1; run <= 2; run++) {
      try (WorkerPool pool =
          ActorLab.mode("processes")
              .workers(1)
              .set("actorlab.cluster.seed-nodes", List.of("pekko://actorlab@" + address))
              .start()) {
        assertEquals(List.of(1L, 4L, 9L), pool.map(new Square(), List.of(1, 2, 3)), "run " + run);
      }
    }
    assertTrue(node.isAlive(), "a node started by hand keeps serving after a run");
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
