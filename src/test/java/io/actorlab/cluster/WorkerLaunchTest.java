package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actorlab.api.ActorLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A run's worker JVMs start before its coordinator: each brings its actor system up on its own, waits
 * to be told where the coordinator is, and only then joins. So a run's start-up overlaps the two.
 */
class WorkerLaunchTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final Config config = ActorLab.mode("processes").workers(1).config();
  private NodeLauncher launcher;
  private ActorSystem<Void> coordinator;

  @AfterEach
  void stopEverything() throws Exception {
    if (coordinator != null) {
      coordinator.terminate();
      coordinator.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (launcher != null) {
      launcher.close();
    }
    Descendants.assertNoneLeft();
  }

  @Test
  void aWorkerComesUpBeforeItsCoordinatorExistsAndJoinsOnceTold() throws Exception {
    NodeLauncher.Node worker = launchWorker(); // its actor system runs, with no coordinator yet
    assertTrue(worker.process().isAlive(), worker::tail);

    ClusterSettings cluster = ClusterSettings.create(config);
    coordinator = ActorSystem.create(Behaviors.empty(), "actorlab", cluster.coordinatorConfig(config));
    Cluster self = Cluster.get(coordinator);
    self.manager().tell(Join.create(self.selfMember().address()));
    launcher.announce(self.selfMember().address().toString());

    Member joined = awaitWorkerUp(self);
    assertEquals(worker.process().pid(), ClusterSettings.pidOf(joined), worker::tail);
  }

  @Test
  void aJoinedWorkerLeavesTheClusterAndExitsWhenTheRunEnds() throws Exception {
    NodeLauncher.Node worker = launchWorker();
    ClusterSettings cluster = ClusterSettings.create(config);
    coordinator = ActorSystem.create(Behaviors.empty(), "actorlab", cluster.coordinatorConfig(config));
    Cluster self = Cluster.get(coordinator);
    self.manager().tell(Join.create(self.selfMember().address()));
    launcher.announce(self.selfMember().address().toString());
    awaitWorkerUp(self);

    launcher.endRun(); // the coordinator stays: the worker goes because it was told, not because it is alone

    assertTrue(
        worker.process().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS),
        () -> "still running:\n" + worker.tail());
    assertEquals(0, worker.process().exitValue(), worker::tail);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (workerMember(self) != null) {
      assertTrue(System.nanoTime() < deadline, () -> "still a member: " + workerMember(self));
      Thread.sleep(100);
    }
    assertTrue(self.state().getUnreachable().isEmpty(), "it left; it did not just vanish");
  }

  @Test
  void aWorkerRunsWithTheDefaultOptionsThatKeepC2OffItsStartUpCode() throws Exception {
    NodeLauncher.Node worker = launchWorker();
    Path cmdline = Path.of("/proc", Long.toString(worker.process().pid()), "cmdline");
    assumeTrue(Files.exists(cmdline), "reads the command line from /proc (Linux)");
    List<String> arguments = List.of(Files.readString(cmdline).split("\0"));
    for (String option :
        List.of(
            "-Xms16m",
            "-XX:+UseSerialGC",
            "-XX:Tier4InvocationThreshold=20000",
            "-XX:Tier4MinInvocationThreshold=2400",
            "-XX:Tier4CompileThreshold=60000")) {
      assertTrue(arguments.contains(option), option + " missing from " + arguments);
    }
  }

  @Test
  void aWorkerNeverToldItsCoordinatorExitsWhenItsLauncherGoes() throws Exception {
    NodeLauncher.Node worker = launchWorker();

    worker.process().getOutputStream().close(); // what the launcher's JVM ending does to the pipe

    assertTrue(
        worker.process().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS),
        () -> "still running:\n" + worker.tail());
  }

  @Test
  void theFileAWorkerReadsHoldsOnlyPekkoSettingsThatDifferFromTheReferenceAndReadsBackWhole() {
    Config custom =
        ActorLab.mode("processes")
            .workers(1)
            .set("pekko.actor.default-dispatcher.throughput", 7)
            .set("pekko.actorlab-test.only-here", "yes")
            .config();
    launcher = NodeLauncher.create(ClusterSettings.create(custom));

    Path file = launcher.writeNodeConfig(custom);

    Config read = NodeLauncher.readNodeConfig(file);
    assertEquals(custom.getObject("actorlab"), read.getObject("actorlab"));
    assertEquals(custom.getObject("pekko"), read.getObject("pekko"));
    Config written = ConfigFactory.parseFile(file.toFile());
    assertEquals(7, written.getInt("pekko.actor.default-dispatcher.throughput"));
    assertEquals("yes", written.getString("pekko.actorlab-test.only-here"));
    assertFalse(written.hasPath("pekko.actor.default-dispatcher.type"), "a reference value is left out");
    int pekkoSettings = custom.getConfig("pekko").entrySet().size();
    int writtenSettings = written.getConfig("pekko").entrySet().size();
    assertTrue(
        writtenSettings * 20 < pekkoSettings,
        writtenSettings + " of " + pekkoSettings + " pekko settings written");
  }

  /** Starts a worker JVM and waits until its actor system is up. */
  private NodeLauncher.Node launchWorker() throws Exception {
    ClusterSettings cluster = ClusterSettings.create(config);
    launcher = NodeLauncher.create(cluster);
    NodeLauncher.Node worker =
        launcher.launchWorker(
            "worker-1", cluster.workerJvmOptions(), launcher.writeNodeConfig(config));
    awaitLine(worker, "actorlab worker node up at");
    return worker;
  }

  private static void awaitLine(NodeLauncher.Node node, String text) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(node.log()) && Files.readString(node.log()).contains(text)) {
        return;
      }
      assertTrue(node.process().isAlive(), () -> "exited:\n" + node.tail());
      Thread.sleep(100);
    }
    throw new AssertionError("no '" + text + "' in " + PATIENCE + ":\n" + node.tail());
  }

  /** The worker node among the members, null when there is none. */
  private static Member workerMember(Cluster cluster) {
    for (Member member : cluster.state().getMembers()) {
      if (member.hasRole(ClusterSettings.WORKER_ROLE)) {
        return member;
      }
    }
    return null;
  }

  private static Member awaitWorkerUp(Cluster cluster) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      for (Member member : cluster.state().getMembers()) {
        if (member.hasRole(ClusterSettings.WORKER_ROLE) && member.status() == MemberStatus.up()) {
          return member;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no worker Up in " + PATIENCE + ": " + cluster.state().getMembers());
  }
}
