package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.actorlab.api.ActorLab;
import io.actorlab.testing.Cli;
import io.actorlab.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every worker JVM stops with its run: when a start fails, when the coordinator's JVM is stopped
 * (Ctrl-C), and when it is killed outright (kill -9), in which case the workers notice by themselves.
 */
class NoOrphansTest {

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killEverything() {
    started.forEach(process -> process.descendants().forEach(ProcessHandle::destroyForcibly));
    started.forEach(Process::destroyForcibly);
    Descendants.assertNoneLeft();
  }

  @Test
  void aWorkerThatCannotStartFailsTheStartWithItsOutputAndLeavesNothing() {
    IllegalStateException failed =
        assertThrows(
            IllegalStateException.class,
            () ->
                ActorLab.mode("processes")
                    .workers(1)
                    .set("actorlab.cluster.worker-jvm-options", List.of("-XX:+NoSuchOptionAnywhere"))
                    .start());
    assertTrue(failed.getMessage().contains("worker JVM worker-1"), failed.getMessage());
    assertTrue(failed.getMessage().contains("NoSuchOptionAnywhere"), failed.getMessage());
    Descendants.assertNoneLeft();
  }

  @Test
  void workersStopWhenTheCoordinatorIsStopped() throws Exception {
    Process coordinator = startLongRun();
    List<ProcessHandle> workers = awaitWorkers(coordinator);
    coordinator.destroy(); // SIGTERM, as Ctrl-C
    Processes.assertAllExit(workers, Duration.ofSeconds(20));
  }

  @Test
  void onCtrlCTheRunEndsPromptlyWithoutWaitingToLeaveTheClusterOfItsStoppingWorkers()
      throws Exception {
    Process coordinator = startLongRun();
    List<ProcessHandle> workers = awaitWorkers(coordinator);
    assumeFalse(ignoresSigint(coordinator.pid()), "this JVM was started with SIGINT ignored");

    // Ctrl-C: SIGINT to every process of the terminal's foreground group, the workers too.
    List<String> kill = new ArrayList<>(List.of("kill", "-INT", Long.toString(coordinator.pid())));
    workers.forEach(worker -> kill.add(Long.toString(worker.pid())));
    assertTrue(new ProcessBuilder(kill).start().waitFor(10, TimeUnit.SECONDS));

    // Leaving the cluster on the way out could wait out the 10 s cluster-exiting timeout for workers
    // that were already gone (bin/actorlab: 10.5 s, every time); without the leave, ~0.5 s.
    assertTrue(coordinator.waitFor(8, TimeUnit.SECONDS), "still running 8 s after Ctrl-C");
    assertEquals(130, coordinator.exitValue());
    Processes.assertAllExit(workers, Duration.ofSeconds(20));
  }

  /** Whether process {@code pid} ignores SIGINT (as what a non-interactive shell runs with & does). */
  private static boolean ignoresSigint(long pid) throws Exception {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    if (!Files.exists(status)) {
      return false; // not Linux: SIGINT goes through as it is
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseLong(line.substring("SigIgn:".length()).strip(), 16) & 0b10) != 0;
      }
    }
    return false;
  }

  @Test
  void workersStopByThemselvesWhenTheCoordinatorIsKilled() throws Exception {
    Process coordinator = startLongRun();
    List<ProcessHandle> workers = awaitWorkers(coordinator);
    coordinator.destroyForcibly(); // SIGKILL: no hook runs; workers must notice alone
    assertTrue(coordinator.waitFor(10, TimeUnit.SECONDS));
    Processes.assertAllExit(workers, Duration.ofSeconds(20));
  }

  /** A processes run of two workers that would take minutes, in a JVM of its own. */
  private Process startLongRun() throws Exception {
    List<String> command =
        Cli.command(
            "run",
            "--mode",
            "processes",
            "--workers",
            "2",
            "--workload",
            "sleep",
            "--tasks",
            "1000",
            "--size",
            "1000",
            "--quiet");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    started.add(process);
    return process;
  }

  /** Waits until the coordinator's JVM has started its worker JVMs. */
  private static List<ProcessHandle> awaitWorkers(Process coordinator) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      List<ProcessHandle> workers =
          coordinator.descendants().filter(ProcessHandle::isAlive).collect(Collectors.toList());
      if (!workers.isEmpty()) {
        Thread.sleep(3_000); // let it join, so the test covers a worker in the middle of a run
        return workers;
      }
      assertTrue(coordinator.isAlive(), "the coordinator JVM exited early");
      Thread.sleep(100);
    }
    throw new AssertionError("no worker JVM started within 90 s");
  }
}
