package io.actorlab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.actorlab.actor.TaskOutcome;
import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * In serialize-local, values that could not cross are reported where they arise, never dropped: an
 * unregistered input fails at submit, an unregistered output fails its task.
 */
class PreflightTest {

  /** A type nobody registered. */
  public record Unregistered(int value) {}

  /** Returns an unregistered type. */
  public static final class ReturnsUnregistered implements Task<Integer, Unregistered> {
    @Override
    public Unregistered run(Integer input, TaskContext context) {
      return new Unregistered(input);
    }
  }

  /** Echoes its input. */
  public static final class Echo implements Task<Object, Object> {
    @Override
    public Object run(Object input, TaskContext context) {
      return input;
    }
  }

  @Test
  void anUnregisteredInputFailsAtSubmitNamingTheClassAndTheFix() {
    try (WorkerPool pool = ActorLab.mode("serialize-local").workers(1).start()) {
      IllegalArgumentException refused =
          assertThrows(
              IllegalArgumentException.class, () -> pool.submit(new Echo(), new Unregistered(1)));
      assertTrue(refused.getMessage().contains(Unregistered.class.getName()), refused.getMessage());
      assertTrue(refused.getMessage().contains("actorlab.serialization.register"), refused.getMessage());
    }
  }

  @Test
  void anUnregisteredOutputFailsItsTaskInsteadOfHanging() throws Exception {
    try (WorkerPool pool = ActorLab.mode("serialize-local").workers(1).start()) {
      TaskOutcome outcome =
          pool.submitOutcome(ReturnsUnregistered.class.getName(), 3).get(30, TimeUnit.SECONDS);
      assertEquals(
          io.actorlab.serialization.UnserializableMessageException.class.getName(),
          outcome.errorClass());
      assertTrue(outcome.errorMessage().contains(Unregistered.class.getName()));
    }
  }

  @Test
  void anOversizedInputOfAnAlreadyCheckedClassFailsAtSubmitWithItsSizeAndTheLimit() {
    ActorLab lab =
        ActorLab.mode("serialize-local").workers(1).set("actorlab.serialization.max-message-bytes", "4KiB");
    try (WorkerPool pool = lab.start()) {
      assertEquals(1, ((int[]) pool.submit(new Echo(), new int[] {1}).toCompletableFuture().join()).length);
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> pool.submit(new Echo(), new int[10_000]));
      assertTrue(refused.getMessage().contains("4096"), refused.getMessage());
      assertTrue(refused.getMessage().contains("max-message-bytes"), refused.getMessage());
    }
  }

  @Test
  void inModesThatSerializeNothingAnyValueGoesThrough() {
    assumeFalse(
        "on".equals(System.getProperty("pekko.actor.serialize-messages")),
        "this suite run serializes every message");
    try (WorkerPool pool = ActorLab.mode("threads").workers(1).start()) {
      assertEquals(new Unregistered(5), pool.submit(new Echo(), new Unregistered(5)).toCompletableFuture().join());
    }
  }
}
