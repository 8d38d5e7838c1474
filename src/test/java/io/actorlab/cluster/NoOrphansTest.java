package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.api.ActorLab;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    assertAllExit(workers, Duration.ofSeconds(20));
  }

  @Test
  void workersStopByThemselvesWhenTheCoordinatorIsKilled() throws Exception {
    Process coordinator = startLongRun();
    List<ProcessHandle> workers = awaitWorkers(coordinator);
    coordinator.destroyForcibly(); // SIGKILL: no hook runs; workers must notice alone
    assertTrue(coordinator.waitFor(10, TimeUnit.SECONDS));
    assertAllExit(workers, Duration.ofSeconds(20));
  }

  /** A processes run of one worker that would take minutes, in a JVM of its own. */
  private Process startLongRun() throws Exception {
    List<String> command =
        Cli.command(
            "run",
            "--mode",
            "processes",
            "--workers",
            "1",
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

  /** Waits until the coordinator's JVM has started its worker JVM. */
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

  private static void assertAllExit(List<ProcessHandle> workers, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    for (ProcessHandle worker : workers) {
      while (worker.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      Optional<String> command = worker.info().commandLine();
      assertFalse(worker.isAlive(), () -> "worker still running: " + command.orElse("?"));
    }
  }
}
