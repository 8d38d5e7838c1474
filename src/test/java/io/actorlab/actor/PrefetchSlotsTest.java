package io.actorlab.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With {@code prefetch} above 1, which worker the coordinator hands the next chunk to: one with nothing
 * in flight first, and a busy one only while plenty of tasks wait, so that no chunk waits behind
 * another at the end of a run; and a chunk queued at a busy worker's {@link Inbox} is asked back once
 * another worker runs out of work. Test probes play the workers and inboxes; chunks are of one task.
 */
@ExtendWith(LogCapturingExtension.class)
class PrefetchSlotsTest {

  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final Duration QUIET = Duration.ofMillis(300);

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  @Test
  void theFirstTasksGoOneToEachWorkerBeforeAnyIsQueuedBehindAnother() throws Exception {
    TestProbe<Worker.Command> first = KIT.createTestProbe();
    TestProbe<Worker.Command> second = KIT.createTestProbe();
    ActorRef<Coordinator.Command> coordinator = coordinator(first, second);

    List<CompletableFuture<TaskOutcome>> results = submit(coordinator, 2);

    answerAll(coordinator, results, ran(first), ran(second));
  }

  @Test
  void aBusyWorkerIsHandedAPrefetchedChunkOnlyWhileMoreThanTwoTasksPerWorkerWait() throws Exception {
    TestProbe<Worker.Command> worker = KIT.createTestProbe();
    ActorRef<Coordinator.Command> coordinator = coordinator(worker);

    List<CompletableFuture<TaskOutcome>> results = new ArrayList<>(submit(coordinator, 2));
    long t0 = ran(worker);
    worker.expectNoMessage(QUIET); // 1 task waits: no reason to queue it behind t0

    results.addAll(submit(coordinator, 2)); // 3 wait: more than 2 for the one worker
    long t1 = ran(worker);
    worker.expectNoMessage(QUIET); // both slots taken

    coordinator.tell(new Coordinator.TaskDone(List.of(done(t0)), false));
    worker.expectNoMessage(QUIET); // a slot is free, but only 2 wait, and t1 is still queued there

    coordinator.tell(new Coordinator.TaskDone(List.of(done(t1)), false));
    long t2 = ran(worker); // nothing in flight: served at once
    worker.expectNoMessage(QUIET); // the last task is not queued behind t2: it may be slow

    coordinator.tell(new Coordinator.TaskDone(List.of(done(t2)), false));
    long t3 = ran(worker);
    coordinator.tell(new Coordinator.TaskDone(List.of(done(t3)), false));
    assertEquals(List.of(0L, 1L, 2L, 3L), List.of(t0, t1, t2, t3));
    answerAll(coordinator, results);
  }

  @Test
  void aChunkQueuedAtABusyWorkersInboxIsAskedBackWhenAnotherWorkerRunsOutOfWork() throws Exception {
    TestProbe<Worker.Command> busy = KIT.createTestProbe();
    TestProbe<Worker.Command> busyInbox = KIT.createTestProbe();
    TestProbe<Worker.Command> other = KIT.createTestProbe();
    ActorRef<Coordinator.Command> coordinator = coordinator();
    coordinator.tell(new Coordinator.WorkerReady(busy.ref(), busyInbox.ref()));
    coordinator.tell(new Coordinator.WorkerReady(other.ref(), other.ref()));

    // 7 tasks: one each, then, with more than 2 per worker waiting, t2 queued behind t0.
    List<CompletableFuture<TaskOutcome>> results = submit(coordinator, 7);
    assertEquals(List.of(0L, 2L), List.of(ran(busyInbox), ran(busyInbox)));
    runsTheRest(coordinator, other);
    // Nothing is left to hand out and the other worker is free: t2 is asked back, not begun.
    assertEquals(new Worker.Release(2), busyInbox.expectMessageClass(Worker.Release.class));
    coordinator.tell(new Coordinator.Released(busy.ref(), List.of(2L)));
    assertEquals(2L, ran(other));
    busy.expectNoMessage(QUIET); // everything went through its inbox

    answerAll(coordinator, results, 0, 2);
  }

  @Test
  void aWorkerWithoutAnInboxIsNeverAskedForAChunkBack() throws Exception {
    TestProbe<Worker.Command> busy = KIT.createTestProbe();
    TestProbe<Worker.Command> other = KIT.createTestProbe();
    ActorRef<Coordinator.Command> coordinator = coordinator(busy, other);

    List<CompletableFuture<TaskOutcome>> results = submit(coordinator, 7);
    assertEquals(List.of(0L, 2L), List.of(ran(busy), ran(busy)));
    runsTheRest(coordinator, other);
    busy.expectNoMessage(QUIET); // its chunks wait in its mailbox, out of reach: no Release

    answerAll(coordinator, results, 0, 2);
  }

  /** The other worker is handed, and answers, every task but t0 and t2, in order. */
  private static void runsTheRest(
      ActorRef<Coordinator.Command> coordinator, TestProbe<Worker.Command> other) {
    for (long task : List.of(1L, 3L, 4L, 5L, 6L)) {
      assertEquals(task, ran(other));
      coordinator.tell(new Coordinator.TaskDone(List.of(done(task)), false));
    }
  }

  /** Answers the tasks still out, then waits for every result. */
  private static void answerAll(
      ActorRef<Coordinator.Command> coordinator,
      List<CompletableFuture<TaskOutcome>> results,
      long... out)
      throws Exception {
    for (long task : out) {
      coordinator.tell(new Coordinator.TaskDone(List.of(done(task)), false));
    }
    for (CompletableFuture<TaskOutcome> result : results) {
      result.get(10, TimeUnit.SECONDS);
    }
  }

  /** A coordinator with these workers registered, prefetch 2, chunks of one task, no audits. */
  @SafeVarargs
  private static ActorRef<Coordinator.Command> coordinator(TestProbe<Worker.Command>... workers) {
    TaskPolicy policy =
        new TaskPolicy(1, 3, Duration.ZERO, Duration.ofSeconds(1), 0, 2, 1, Duration.ofMinutes(10));
    ActorRef<Coordinator.Command> coordinator =
        KIT.spawn(Coordinator.create(policy, Canceller.interrupting(new RunningTasks()), 1 << 20));
    for (TestProbe<Worker.Command> worker : workers) {
      coordinator.tell(new Coordinator.WorkerReady(worker.ref(), worker.ref()));
    }
    return coordinator;
  }

  private static List<CompletableFuture<TaskOutcome>> submit(
      ActorRef<Coordinator.Command> coordinator, int tasks) {
    List<CompletableFuture<TaskOutcome>> results = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      CompletableFuture<TaskOutcome> result = new CompletableFuture<>();
      coordinator.tell(new Coordinator.Submit("io.actorlab.api.Square", i, 0, result));
      results.add(result);
    }
    return results;
  }

  /** The id of the one task of the next chunk the probe is handed. */
  private static long ran(TestProbe<Worker.Command> worker) {
    List<Worker.Assignment> tasks = worker.expectMessageClass(Worker.Run.class).tasks();
    assertEquals(1, tasks.size(), tasks::toString);
    return tasks.get(0).taskId();
  }

  private static TaskOutcome done(long taskId) {
    return new TaskOutcome(taskId, 1, null, null, 0, 0, Map.of());
  }
}
