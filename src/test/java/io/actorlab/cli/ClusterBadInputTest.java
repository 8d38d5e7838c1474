package io.actorlab.cli;

import static io.actorlab.cli.CliTest.assertContains;
import static io.actorlab.cli.CliTest.assertNoStackTrace;
import static io.actorlab.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * Cluster settings that cannot work fail with a clear message and a non-zero exit, and never hang: a
 * port already in use (refused before anything starts) and a seed node nobody answers at (refused
 * within the start timeout).
 */
class ClusterBadInputTest {

  @Test
  void aRunOnAPortInUseIsRefusedBeforeAnythingStarts() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      String err =
          cli(
                  "run", "--mode", "processes", "--workers", "1", "--tasks", "1",
                  "-D", "actorlab.cluster.port=" + port)
              .refused();
      assertContains(err, "cannot listen on 127.0.0.1:" + port);
      assertContains(err, "actorlab.cluster.port");
      assertNoStackTrace(err);
    }
  }

  @Test
  void aNodeOnAPortInUseIsRefused() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      String err =
          cli("node", "--port", String.valueOf(port), "--seed", "127.0.0.1:" + port).refused();
      assertContains(err, "cannot listen on 127.0.0.1:" + port);
      assertContains(err, "--port");
    }
  }

  @Test
  void aSeedNodeNobodyAnswersAtFailsWithinTheStartTimeout() throws IOException {
    int closed;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = probe.getLocalPort(); // free again once closed: nothing listens there
    }
    CliTest.Result result =
        cli(
            "run", "--mode", "processes", "--workers", "1", "--tasks", "1",
            "-D", "actorlab.cluster.seed-nodes=[\"pekko://actorlab@127.0.0.1:" + closed + "\"]",
            "-D", "actorlab.start-timeout=3s");
    assertEquals(Main.TASKS_FAILED, result.code(), result.err());
    assertContains(result.err(), "not ready within PT3S");
    assertContains(result.err(), "could not join the seed nodes");
    assertContains(result.err(), "127.0.0.1:" + closed);
  }
}
