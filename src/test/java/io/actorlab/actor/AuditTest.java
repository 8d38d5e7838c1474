package io.actorlab.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pekko delivers a message at most once, so a task's {@link Worker.Run} or its {@link
 * Coordinator.TaskDone} can be lost on a connection that stays up, with no worker dying. The coordinator
 * audits its workers ({@link Worker.Audit}, {@link Coordinator.Holding}) and hands out again what a
 * worker neither holds nor answered, and only that. Here a {@link TestProbe} plays the worker, so a
 * message can be lost at will, and the real {@link Worker} is asked what it holds.
 */
@ExtendWith(LogCapturingExtension.class)
class AuditTest {

  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final Duration AUDIT_EVERY = Duration.ofMillis(100);

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  @Test
  void aTaskNeitherHeldNorAnsweredIsHandedOutAgainAndAnsweredOnce() throws Exception {
    TestProbe<Worker.Command> worker = KIT.createTestProbe();
    ActorRef<Coordinator.Command> coordinator = coordinator(worker);
    CompletableFuture<TaskOutcome> result = submit(coordinator, 4);

    // The Run never arrived, or the worker ran the task and its answer was lost: either way the
    // worker holds nothing and the coordinator has no answer when the audit's answer comes.
    long taskId = next(worker, Worker.Run.class).tasks().get(0).taskId();
    Worker.Audit audit = next(worker, Worker.Audit.class);
    coordinator.tell(new Coordinator.Holding(worker.ref(), audit.round(), List.of()));

    assertEquals(taskId, next(worker, Worker.Run.class).tasks().get(0).taskId());
    coordinator.tell(new Coordinator.TaskDone(List.of(done(taskId, 16L)), false));
    assertEquals(16L, result.get(10, TimeUnit.SECONDS).output());
    // A lost answer turning up after all changes nothing: the task was answered once.
    coordinator.tell(new Coordinator.TaskDone(List.of(done(taskId, -1L)), false));
    assertEquals(16L, result.get().output());
  }

  @Test
  void anAuditLeftUnansweredIsSentAgainAndOnlyTheLatestRoundCounts() throws Exception {
    TestProbe<Worker.Command> worker = KIT.createTestProbe();
    ActorRef<Coordinator.Command> coordinator = coordinator(worker);
    CompletableFuture<TaskOutcome> result = submit(coordinator, 6);

    long taskId = next(worker, Worker.Run.class).tasks().get(0).taskId();
    Worker.Audit first = next(worker, Worker.Audit.class); // lost, or its answer is: never answered
    Worker.Audit second = next(worker, Worker.Audit.class);
    assertTrue(second.round() > first.round(), "the same round again: " + second);
    // An answer to the earlier round turning up late is not taken for the latest one's: that one
    // says the task is held.
    coordinator.tell(new Coordinator.Holding(worker.ref(), first.round(), List.of()));
    coordinator.tell(new Coordinator.Holding(worker.ref(), second.round(), List.of(taskId)));
    answerAndSeeNoSecondRun(
        worker, coordinator, result, taskId, 36L,
        "an answer to an earlier round had the task handed out again");
  }

  @Test
  void aTaskTheWorkerStillHoldsIsNotHandedOutAgain() throws Exception {
    TestProbe<Worker.Command> worker = KIT.createTestProbe();
    ActorRef<Coordinator.Command> coordinator = coordinator(worker);
    CompletableFuture<TaskOutcome> result = submit(coordinator, 5);

    long taskId = next(worker, Worker.Run.class).tasks().get(0).taskId();
    for (int audits = 0; audits < 3; audits++) { // a slow task: held at every audit
      Worker.Audit audit = next(worker, Worker.Audit.class);
      coordinator.tell(new Coordinator.Holding(worker.ref(), audit.round(), List.of(taskId)));
    }
    answerAndSeeNoSecondRun(
        worker, coordinator, result, taskId, 25L, "a task its worker held was handed out again");
  }

  @Test
  void theWorkerHoldsWhatIsQueuedRunningOrUnansweredAndNothingOnceItAnswered() throws Exception {
    TestProbe<Coordinator.Command> coordinator = KIT.createTestProbe();
    ExecutorService blocking = Executors.newSingleThreadExecutor();
    Gate.open = new CountDownLatch(1);
    try {
      ActorRef<Worker.Command> worker =
          KIT.spawn(
              Worker.create(
                  coordinator.ref(),
                  () ->
                      new TaskRunner(
                          TaskGuard.NONE, getClass().getClassLoader(), output -> 0,
                          new RunningTasks()),
                  blocking,
                  0,
                  Worker.Renewal.RESTART,
                  1 << 20,
                  false));
      coordinator.expectMessageClass(Coordinator.WorkerReady.class);
      // A chunk answered task by task: 1 runs and is answered at once, 2 waits at the gate, 3 and 4
      // wait their turn behind it; then a prefetched chunk, 5.
      worker.tell(
          new Worker.Run(
              List.of(new Worker.Assignment(1, "io.actorlab.api.Square", 1), gate(2), gate(3),
                  gate(4)),
              true));
      worker.tell(new Worker.Run(List.of(gate(5)), false));
      assertEquals(1, answered(coordinator).get(0).taskId());

      worker.tell(new Worker.Audit(7));
      Coordinator.Holding holding = coordinator.expectMessageClass(Coordinator.Holding.class);
      assertEquals(7, holding.round());
      assertEquals(worker, holding.worker());
      assertEquals(List.of(2L, 3L, 4L, 5L), holding.held());

      Gate.open.countDown();
      for (long taskId = 2; taskId <= 5; taskId++) {
        assertEquals(taskId, answered(coordinator).get(0).taskId());
      }
      worker.tell(new Worker.Audit(8));
      assertEquals(List.of(), coordinator.expectMessageClass(Coordinator.Holding.class).held());
    } finally {
      Gate.open.countDown();
      blocking.shutdownNow();
    }
  }

  private static List<TaskOutcome> answered(TestProbe<Coordinator.Command> coordinator) {
    return coordinator.expectMessageClass(Coordinator.TaskDone.class).outcomes();
  }

  /** A blocking task that waits until the test opens the gate. */
  public static final class Gate implements Task<Integer, Integer> {
    static volatile CountDownLatch open = new CountDownLatch(0);

    @Override
    public Integer run(Integer input, TaskContext context) throws InterruptedException {
      assertTrue(open.await(30, TimeUnit.SECONDS), "the gate was never opened");
      return input;
    }

    @Override
    public boolean blocking() {
      return true;
    }
  }

  private static Worker.Assignment gate(long taskId) {
    return new Worker.Assignment(taskId, Gate.class.getName(), (int) taskId);
  }

  /** A coordinator with one worker, {@code worker}, that audits every {@link #AUDIT_EVERY}. */
  private static ActorRef<Coordinator.Command> coordinator(TestProbe<Worker.Command> worker) {
    TaskPolicy policy =
        new TaskPolicy(1, 3, Duration.ZERO, Duration.ofSeconds(1), 0, 1, 1, AUDIT_EVERY);
    ActorRef<Coordinator.Command> coordinator =
        KIT.spawn(Coordinator.create(policy, Canceller.interrupting(new RunningTasks()), 1 << 20));
    coordinator.tell(new Coordinator.WorkerReady(worker.ref(), worker.ref()));
    return coordinator;
  }

  private static CompletableFuture<TaskOutcome> submit(
      ActorRef<Coordinator.Command> coordinator, int input) {
    CompletableFuture<TaskOutcome> result = new CompletableFuture<>();
    coordinator.tell(new Coordinator.Submit("io.actorlab.api.Square", input, 0, result));
    return result;
  }

  private static TaskOutcome done(long taskId, long output) {
    return new TaskOutcome(taskId, output, null, null, 0, 0, Map.of());
  }

  /** The next message of {@code type} the probe gets, passing over any other (such as audits). */
  private static <T extends Worker.Command> T next(TestProbe<Worker.Command> probe, Class<T> type) {
    List<Worker.Command> fished =
        probe.fishForMessage(
            Duration.ofSeconds(10),
            message ->
                type.isInstance(message)
                    ? FishingOutcomes.complete()
                    : FishingOutcomes.continueAndIgnore());
    return type.cast(fished.get(fished.size() - 1));
  }

  /**
   * The worker answers {@code taskId} with {@code output}: the result is that, and no {@link
   * Worker.Run} reaches the worker for five audit intervals after.
   */
  private static void answerAndSeeNoSecondRun(
      TestProbe<Worker.Command> worker,
      ActorRef<Coordinator.Command> coordinator,
      CompletableFuture<TaskOutcome> result,
      long taskId,
      long output,
      String handedOutAgain)
      throws Exception {
    coordinator.tell(new Coordinator.TaskDone(List.of(done(taskId, output)), false));
    assertEquals(output, result.get(10, TimeUnit.SECONDS).output());
    assertTrue(
        receivedWithin(worker, AUDIT_EVERY.multipliedBy(5)).stream()
            .noneMatch(Worker.Run.class::isInstance),
        handedOutAgain);
  }

  /** Every message the probe gets within {@code window}. */
  private static List<Worker.Command> receivedWithin(
      TestProbe<Worker.Command> probe, Duration window) {
    List<Worker.Command> received = new ArrayList<>();
    long end = System.nanoTime() + window.toNanos();
    for (long left = window.toNanos(); left > 0; left = end - System.nanoTime()) {
      try {
        received.add(probe.receiveMessage(Duration.ofNanos(left)));
      } catch (AssertionError nothingMore) {
        break;
      }
    }
    return received;
  }
}
