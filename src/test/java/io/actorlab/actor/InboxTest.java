package io.actorlab.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a worker's inbox hands over, holds, gives back and reports, with probes as worker and coordinator. */
@ExtendWith(LogCapturingExtension.class)
class InboxTest {

  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final Duration QUIET = Duration.ofMillis(200);

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  private final TestProbe<Worker.Command> worker = KIT.createTestProbe();
  private final TestProbe<Coordinator.Command> coordinator = KIT.createTestProbe();
  private final ActorRef<Worker.Command> inbox =
      KIT.spawn(Inbox.create(worker.ref(), coordinator.ref()));

  @Test
  void aChunkGoesStraightToAFreeWorkerAndTheNextWhenTheWorkerAsks() {
    inbox.tell(run(1, 2));
    assertEquals(run(1, 2), worker.expectMessageClass(Worker.Run.class));
    inbox.tell(run(3));
    inbox.tell(run(4));
    worker.expectNoMessage(QUIET); // busy with 1 and 2: the next ones wait here

    inbox.tell(Worker.Next.INSTANCE);
    assertEquals(run(3), worker.expectMessageClass(Worker.Run.class));
    inbox.tell(Worker.Next.INSTANCE);
    assertEquals(run(4), worker.expectMessageClass(Worker.Run.class));
    inbox.tell(Worker.Next.INSTANCE); // nothing held: the worker is free again
    worker.expectNoMessage(QUIET);
    inbox.tell(run(5));
    assertEquals(run(5), worker.expectMessageClass(Worker.Run.class));
  }

  @Test
  void aChunkNotHandedOverIsGivenBackAndOneHandedOverIsNot() {
    inbox.tell(run(1));
    worker.expectMessageClass(Worker.Run.class);
    inbox.tell(run(2, 3));
    inbox.tell(run(4));

    inbox.tell(new Worker.Release(1)); // the worker has it: it runs it and answers as usual
    coordinator.expectNoMessage(QUIET);
    inbox.tell(new Worker.Release(2));
    assertEquals(
        new Coordinator.Released(worker.ref(), List.of(2L, 3L)),
        coordinator.expectMessageClass(Coordinator.Released.class));

    inbox.tell(Worker.Next.INSTANCE);
    assertEquals(run(4), worker.expectMessageClass(Worker.Run.class)); // 2 and 3 are gone
  }

  @Test
  void anAuditReachesTheWorkerBehindTheChunksBeforeItWithTheTasksHeldHere() {
    inbox.tell(run(1));
    inbox.tell(run(2, 3));
    inbox.tell(new Worker.Audit(7));

    worker.expectMessageClass(Worker.Run.class);
    assertEquals(new Worker.Audit(7, List.of(2L, 3L)), worker.expectMessageClass(Worker.Audit.class));
  }

  private static Worker.Run run(long... taskIds) {
    List<Worker.Assignment> tasks =
        java.util.Arrays.stream(taskIds)
            .mapToObj(id -> new Worker.Assignment(id, "io.actorlab.api.Square", (int) id))
            .toList();
    return new Worker.Run(tasks, false);
  }
}
