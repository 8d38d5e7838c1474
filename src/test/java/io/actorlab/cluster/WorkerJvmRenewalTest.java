package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.actor.TaskPolicy;
import io.actorlab.api.ActorLab;
import io.actorlab.api.Nap;
import io.actorlab.api.Stubborn;
import io.actorlab.api.WorkerPool;
import io.actorlab.task.TaskFailedException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * In the processes mode a worker is a JVM, and a JVM can be killed where a thread cannot: a task past
 * its timeout has its worker JVM killed and replaced, and max-tasks-per-worker replaces each worker JVM
 * after its share of tasks.
 */
class WorkerJvmRenewalTest {

  @AfterEach
  void nothingLeft() {
    Descendants.assertNoneLeft();
  }

  @Test
  void aTaskPastItsTimeoutHasItsWorkerJvmKilledAndReplaced() throws Exception {
    try (WorkerPool pool =
        ActorLab.mode("processes")
            .workers(2)
            .set("actorlab.tasks.timeout", "10s")
            .set("actorlab.start-timeout", "120s") // generous: a loaded machine starts JVMs slowly
            .start()) {
      Set<Long> before = workerPids();
      // Spins in its worker JVM, ignoring interrupts, until that JVM is killed.
      var stuck = pool.submit(new Stubborn(), UUID.randomUUID().toString()).toCompletableFuture();
      assertEquals(List.of(1L, 2L, 3L), pool.map(new Nap(), List.of(1L, 2L, 3L)), "the other worker serves");

      ExecutionException thrown =
          assertThrows(ExecutionException.class, () -> stuck.get(60, TimeUnit.SECONDS));
      TaskFailedException failed = (TaskFailedException) thrown.getCause();
      assertEquals(TaskPolicy.TIMED_OUT, failed.errorClass());
      assertTrue(failed.errorMessage().contains("was killed"), failed.errorMessage());

      // A new JVM takes the killed one's place, and the pool serves with both.
      Matcher killed = Pattern.compile("pid (\\d+)").matcher(failed.errorMessage());
      assertTrue(killed.find(), failed.errorMessage());
      long killedPid = Long.parseLong(killed.group(1));
      assertTrue(before.contains(killedPid), killedPid + " is not one of " + before);
      ProcessHandle.of(killedPid).ifPresent(process -> process.onExit().join());
      waitForWorkers(2);
      Set<Long> after = workerPids();
      assertFalse(after.contains(killedPid));
      Set<Long> served =
          pool.map(new Pid(), Collections.nCopies(20, 0)).stream().collect(Collectors.toSet());
      assertTrue(after.containsAll(served), "served by " + served + ", alive " + after);
    }
  }

  @Test
  void eachWorkerJvmIsReplacedAfterItsShareOfTasks() throws Exception {
    try (WorkerPool pool =
        ActorLab.mode("processes")
            .workers(1)
            .set("actorlab.tasks.max-tasks-per-worker", 2)
            // Only a JVM that retired (exit code 75) is replaced then, not one that died.
            .set("actorlab.cluster.replace-dead-workers", false)
            // A third task waits at the worker when it retires, and must go to the next JVM.
            .set("actorlab.tasks.prefetch", 3)
            .set("actorlab.start-timeout", "120s")
            .start()) {
      List<Long> pids =
          CompletableFuture.supplyAsync(() -> pool.map(new Pid(), Collections.nCopies(5, 0)))
              .get(180, TimeUnit.SECONDS);
      assertEquals(pids.get(0), pids.get(1));
      assertEquals(pids.get(2), pids.get(3));
      assertEquals(3, pids.stream().distinct().count(), "three JVMs in turn: " + pids);
      assertFalse(ProcessHandle.of(pids.get(0)).map(ProcessHandle::isAlive).orElse(false));
    }
  }

  private static Set<Long> workerPids() {
    return ProcessHandle.current()
        .children()
        .filter(ProcessHandle::isAlive)
        .map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }

  private static void waitForWorkers(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (workerPids().size() != count && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(count, workerPids().size(), "worker JVMs alive");
  }
}
