package io.actorlab.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.serialization.TestMessages.Blob;
import io.actorlab.serialization.TestMessages.Holder;
import io.actorlab.serialization.TestMessages.NotRegistered;
import io.actorlab.serialization.TestMessages.Small;
import io.actorlab.serialization.TestMessages.WithRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pre-flight check at submit: each failure says what to change. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SerializabilityCheckTest {

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TestMessages.config()).build();

  private SerializabilityCheck check;

  @BeforeAll
  void createCheck() {
    check = SerializabilityCheck.create(testKit.system());
  }

  @Test
  void aRegisteredMessageHasItsSizeReturned() {
    assertEquals(7, check.checkMessage(new Small(42, "hello")));
    assertTrue(
        check.checkMessage(new WithRef("x", testKit.createTestProbe(String.class).ref())) > 0);
  }

  @Test
  void valuesInsideMessagesAreCheckedToo() {
    assertTrue(check.checkValue(List.of(1, 2, 3)) > 0);
    assertTrue(check.checkValue(Map.of("k", new ArrayList<>(List.of(1.5)))) > 0);
    assertEquals(1, check.checkValue(null));
  }

  @Test
  void anUnregisteredClassInsideIsNamedWithTheLineToAdd() {
    UnserializableMessageException e =
        assertThrows(
            UnserializableMessageException.class,
            () -> check.checkMessage(new Holder(new NotRegistered("x"))));
    assertEquals(Optional.of(NotRegistered.class), e.offendingClass());
    assertTrue(
        e.getMessage()
            .contains(
                "add \"io.actorlab.serialization.TestMessages$NotRegistered\" to"
                    + " actorlab.serialization.register"),
        e.getMessage());

    UnserializableMessageException value =
        assertThrows(
            UnserializableMessageException.class, () -> check.checkValue(new NotRegistered[0]));
    assertTrue(
        value
            .getMessage()
            .contains("add \"io.actorlab.serialization.TestMessages$NotRegistered[]\""),
        value.getMessage());
  }

  @Test
  void aLambdaIsRefusedWithTheReason() {
    Runnable lambda = () -> {};
    UnserializableMessageException e =
        assertThrows(UnserializableMessageException.class, () -> check.checkValue(lambda));
    assertTrue(e.getMessage().contains("lambda"), e.getMessage());
  }

  @Test
  void aMessageThatIsNotACrossesBoundaryIsRefused() {
    UnserializableMessageException e =
        assertThrows(
            UnserializableMessageException.class, () -> check.checkMessage(new NotRegistered("x")));
    assertTrue(
        e.getMessage().contains("does not implement io.actorlab.serialization.CrossesBoundary"),
        e.getMessage());
  }

  @Test
  void aMessageOverTheLimitGetsItsSizeAndTheLimit() {
    int limit =
        testKit
            .system()
            .settings()
            .config()
            .getBytes("actorlab.serialization.max-message-bytes")
            .intValue();
    UnserializableMessageException e =
        assertThrows(
            UnserializableMessageException.class,
            () -> check.checkMessage(new Blob(new byte[limit])));
    // an empty Blob is its class id and a one-byte length; this length takes four bytes
    int classIdBytes = check.checkMessage(new Blob(new byte[0])) - 1;
    assertTrue(
        e.getMessage().contains("takes " + (limit + classIdBytes + 4) + " bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("limit of " + limit + " bytes"), e.getMessage());
  }

  @Test
  void aCycleIsRefusedAsTooDeep() {
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    UnserializableMessageException e =
        assertThrows(
            UnserializableMessageException.class, () -> check.checkMessage(new Holder(cycle)));
    assertTrue(e.getMessage().contains("actorlab.serialization.max-depth"), e.getMessage());
  }
}
