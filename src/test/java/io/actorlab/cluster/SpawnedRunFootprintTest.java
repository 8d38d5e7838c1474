package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.testing.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that spawns its workers starts in none of its JVMs what only an attached run needs: the nodes
 * find each other by role, so no receptionist and no Distributed Data, whose classes and gossip every
 * worker JVM would otherwise carry. (Attached runs, which do need it, are {@link AttachToClusterTest}.)
 * Nor does any node record Artery's Java Flight Recorder events, which cost each worker a fifth of a
 * second of its start.
 */
class SpawnedRunFootprintTest {

  @TempDir Path dir;

  private Process run;

  @AfterEach
  void stopEverything() {
    if (run != null) {
      run.descendants().forEach(ProcessHandle::destroyForcibly);
      run.destroyForcibly();
    }
    Descendants.assertNoneLeft();
  }

  @Test
  void neitherTheCoordinatorNorItsWorkersStartTheReceptionistOrFlightRecorderEvents() throws Exception {
    Path output = dir.resolve("run.out");
    ProcessBuilder builder =
        new ProcessBuilder(
                Cli.command(
                    "run", "--mode", "processes", "--workers", "1",
                    "--workload", "sum-loop", "--tasks", "4", "--size", "1000"))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    // Inherited by the worker JVM the run spawns: every JVM logs the classes it loads to its own file.
    builder
        .environment()
        .put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + dir.resolve("classes-%p.log"));
    run = builder.start();

    assertTrue(run.waitFor(180, TimeUnit.SECONDS), "the run did not end in 180 s");
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    assertEquals(0, run.exitValue(), printed);
    List<Path> logs = classLogs();
    assertEquals(2, logs.size(), "a log for the coordinator's JVM and the worker's: " + logs);
    for (Path log : logs) {
      String classes = Files.readString(log, StandardCharsets.UTF_8);
      assertTrue(classes.contains(" org.apache.pekko.cluster.Cluster "), log + " is a cluster node");
      assertFalse(classes.contains(" org.apache.pekko.cluster.ddata.Replicator "), log.toString());
      // Some of its classes load with the cluster (its settings check, its message bindings); the
      // receptionist's behavior and Distributed Data's replicator load only when one runs.
      assertFalse(
          classes.contains(" org.apache.pekko.cluster.typed.internal.receptionist.ClusterReceptionist "),
          log.toString());
      assertTrue(
          classes.contains(" org.apache.pekko.remote.artery.NoOpRemotingFlightRecorder"),
          log + " starts remoting without flight recorder events");
      assertFalse(classes.contains(" jdk.jfr.Event "), log.toString());
    }
  }

  private List<Path> classLogs() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(file -> file.getFileName().toString().startsWith("classes-")).sorted().toList();
    }
  }
}
