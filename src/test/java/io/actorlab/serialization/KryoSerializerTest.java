package io.actorlab.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.measure.BoundaryStats;
import io.actorlab.serialization.TestMessages.AllPrimitives;
import io.actorlab.serialization.TestMessages.Blob;
import io.actorlab.serialization.TestMessages.Color;
import io.actorlab.serialization.TestMessages.Containers;
import io.actorlab.serialization.TestMessages.Holder;
import io.actorlab.serialization.TestMessages.LegacySerializable;
import io.actorlab.serialization.TestMessages.Nested;
import io.actorlab.serialization.TestMessages.NotRegistered;
import io.actorlab.serialization.TestMessages.PlainClass;
import io.actorlab.serialization.TestMessages.PrimitiveArrays;
import io.actorlab.serialization.TestMessages.Small;
import io.actorlab.serialization.TestMessages.Unregistered;
import io.actorlab.serialization.TestMessages.WithRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Round trips through Pekko's serialization, as a message crossing to another node would take. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
// One instance for the class, so one ActorTestKit: the extension shuts down only the kit it saw
// last, and with an instance per test method every other test's actor system would leak.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KryoSerializerTest {

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TestMessages.config()).build();

  private Serialization serialization() {
    return SerializationExtension.get(Adapter.toClassic(testKit.system()));
  }

  /** Serialize and deserialize as the transport does: serializer id in the envelope, no manifest. */
  private Object roundTrip(Object message) {
    Serialization serialization = serialization();
    byte[] bytes = serialization.serialize(message).get();
    int id = serialization.findSerializerFor(message).identifier();
    return serialization.deserialize(bytes, id, "").get();
  }

  @Test
  void aBufferThatGrewForAOneMiBMessageIsKeptForTheNext() {
    KryoSerializer serializer =
        (KryoSerializer) serialization().findSerializerFor(new Small(1, "x"));
    Blob mebibyte = new Blob(new byte[1 << 20]);
    for (int i = 0; i < 64; i++) {
      serializer.toBinary(mebibyte); // grows every pooled buffer once
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    int messages = 8;
    for (int i = 0; i < messages; i++) {
      serializer.toBinary(mebibyte);
    }
    long perMessage = (threads.getCurrentThreadAllocatedBytes() - before) / messages;
    // The returned copy is 1 MiB; growing a buffer from 64 KiB to 2 MiB again would add ~4 MiB.
    assertTrue(perMessage < (3 << 20) / 2, perMessage + " bytes allocated per 1 MiB message");
  }

  @Test
  void smallMessagesWrittenIntoAGrownBufferStayIntact() {
    Small small = new Small(7, "after a big one");
    byte[] bytes = new byte[(1 << 20) + 17];
    Arrays.fill(bytes, (byte) 0x5a);
    Blob big = new Blob(bytes);
    for (int i = 0; i < 4; i++) {
      assertArrayEquals(bytes, ((Blob) roundTrip(big)).bytes());
      assertEquals(small, roundTrip(small));
    }
  }

  @Test
  void crossesBoundaryMessagesUseKryoSerializer() {
    var serializer = serialization().findSerializerFor(new Small(1, "x"));
    assertInstanceOf(KryoSerializer.class, serializer);
    assertEquals(KryoSerializer.IDENTIFIER, serializer.identifier());
    assertEquals(false, serializer.includeManifest());
  }

  @Test
  void recordsOfPrimitivesAndStringsRoundTrip() {
    Small small = new Small(42, "hello, wörld");
    assertEquals(small, roundTrip(small));
    AllPrimitives all =
        new AllPrimitives(
            -7, Long.MIN_VALUE, Math.PI, 1.5f, true, 'λ', (byte) -1, (short) 300, "", null);
    assertEquals(all, roundTrip(all));
  }

  @Test
  void primitiveArraysRoundTrip() {
    PrimitiveArrays arrays =
        new PrimitiveArrays(
            new int[] {1, -2, Integer.MAX_VALUE},
            new long[] {Long.MIN_VALUE, 0, 5},
            new double[] {0.1, Double.NaN},
            new byte[] {1, 2, 3});
    PrimitiveArrays copy = (PrimitiveArrays) roundTrip(arrays);
    assertArrayEquals(arrays.ints(), copy.ints());
    assertArrayEquals(arrays.longs(), copy.longs());
    assertArrayEquals(arrays.doubles(), copy.doubles());
    assertArrayEquals(arrays.bytes(), copy.bytes());
  }

  @Test
  void nestedRecordsArraysAndEnumsRoundTrip() {
    Nested nested =
        new Nested(
            new Small(1, "a"),
            List.of(new Small(2, "b"), new Small(3, "c")),
            new Small[] {new Small(4, "d"), null},
            Color.GREEN);
    Nested copy = (Nested) roundTrip(nested);
    assertEquals(nested.first(), copy.first());
    assertEquals(nested.more(), copy.more());
    assertArrayEquals(nested.array(), copy.array());
    assertSame(Color.GREEN, copy.color());
  }

  @Test
  void jdkCollectionsAndValueTypesRoundTrip() {
    Containers containers =
        new Containers(
            new ArrayList<>(List.of("x", "y")),
            List.of(1, 2, 3),
            List.of("one"),
            Map.of("a", 1, "b", 2),
            Set.of("s", "t"),
            Optional.of("here"),
            Optional.empty(),
            UUID.randomUUID(),
            Instant.now(),
            Duration.ofMillis(1234));
    Containers copy = (Containers) roundTrip(containers);
    assertEquals(containers, copy);
    assertEquals(ArrayList.class, copy.arrayList().getClass());
    // List.of results come back as List.of results: immutable, and the same JDK class.
    assertEquals(containers.listOf().getClass(), copy.listOf().getClass());
    assertThrows(UnsupportedOperationException.class, () -> copy.listOf().add(4));
    assertEquals(containers.mapOf().getClass(), copy.mapOf().getClass());
  }

  @Test
  void otherJdkContainersRoundTrip() {
    LinkedHashMap<String, Object> ordered = new LinkedHashMap<>();
    ordered.put("z", 1L);
    ordered.put("a", new int[0].length);
    List<Object> values =
        Arrays.asList(
            Stream.of("a", null, "c").toList(), // ImmutableCollections.ListN that allows nulls
            List.of(1, 2, 3, 4).subList(1, 3),
            Collections.emptyList(),
            Collections.singletonMap("k", "v"),
            Collections.unmodifiableList(new ArrayList<>(List.of(1))),
            new TreeSet<>(List.of(3, 1, 2)),
            new TreeMap<>(Map.of("b", 2, "a", 1)),
            ordered,
            Map.of(),
            Set.of(9),
            new String[] {"s", null},
            new Object[] {1, "two", 3.0},
            Optional.of(List.of()));
    for (Object value : values) {
      Holder copy = (Holder) roundTrip(new Holder(value));
      if (value instanceof Object[] array) {
        assertArrayEquals(array, (Object[]) copy.value());
      } else {
        assertEquals(value, copy.value(), () -> "value of " + value.getClass());
      }
    }
    assertEquals(
        List.of("z", "a"),
        List.copyOf(((Map<?, ?>) ((Holder) roundTrip(new Holder(ordered))).value()).keySet()));
  }

  @Test
  void plainClassesRoundTrip() {
    PlainClass copy = (PlainClass) roundTrip(new PlainClass("plain", 3));
    assertEquals("plain", copy.name);
    assertEquals(3, copy.count);
  }

  @Test
  void anActorRefFieldResolvesToARefThatStillDelivers() {
    TestProbe<String> probe = testKit.createTestProbe();
    WithRef copy = (WithRef) roundTrip(new WithRef("ping", probe.ref()));
    assertEquals(probe.ref(), copy.replyTo());
    copy.replyTo().tell("pong");
    probe.expectMessage("pong");
  }

  @Test
  void aSmallRecordIsSmallOnTheWire() {
    byte[] bytes = serialization().serialize(new Small(42, "hello")).get();
    // Class id (1 byte while it is below 126), the int as a varint (1), then "hello" as ASCII (5):
    // 7 bytes. Java serialization takes about 84 for the same record.
    assertTrue(bytes.length < 16, () -> "serialized to " + bytes.length + " bytes");
  }

  @Test
  void anUnregisteredClassIsRefusedWithTheLineToAdd() {
    var failure = serialization().serialize(new Holder(new NotRegistered("x"))).failed().get();
    UnserializableMessageException e =
        assertInstanceOf(UnserializableMessageException.class, failure);
    assertEquals(Holder.class, e.messageClass());
    assertEquals(Optional.of(NotRegistered.class), e.offendingClass());
    assertTrue(
        e.getMessage()
            .contains(
                "add \"io.actorlab.serialization.TestMessages$NotRegistered\" to"
                    + " actorlab.serialization.register"),
        e.getMessage());

    var top = serialization().serialize(new Unregistered(1)).failed().get();
    assertTrue(
        top.getMessage().contains("\"io.actorlab.serialization.TestMessages$Unregistered\""),
        top.getMessage());
  }

  @Test
  void aMessageOverTheLimitNamesItsClassSizeAndTheKey() {
    int limit =
        testKit
            .system()
            .settings()
            .config()
            .getBytes("actorlab.serialization.max-message-bytes")
            .intValue();
    Blob big = new Blob(new byte[limit + 100]);
    var failure = serialization().serialize(big).failed().get();
    UnserializableMessageException e =
        assertInstanceOf(UnserializableMessageException.class, failure);
    String message = e.getMessage();
    assertTrue(message.contains(Blob.class.getName()), message);
    // an empty Blob is its class id and a one-byte array length; this length takes four bytes
    int classIdBytes = serialization().serialize(new Blob(new byte[0])).get().length - 1;
    assertTrue(message.contains("takes " + (classIdBytes + 4 + limit + 100) + " bytes"), message);
    assertTrue(message.contains("limit of " + limit + " bytes"), message);
    assertTrue(message.contains("actorlab.serialization.max-message-bytes"), message);
    // the next power of two above the message's size, in MiB
    long suggested = 2 * Long.highestOneBit(Math.max(1, (limit + 100L + classIdBytes + 3) >> 20));
    assertTrue(message.contains("max-message-bytes=" + suggested + "MiB"), message);
  }

  @Test
  void javaSerializationIsOff() {
    var failure = serialization().serialize(new LegacySerializable()).failed().get();
    assertTrue(failure.getMessage().contains("allow-java-serialization"), failure.getMessage());
  }

  @Test
  void theMeterCountsExactlyWhatWasRoundTripped() {
    BoundaryMeter meter = BoundaryMeter.get(testKit.system());
    assertSame(meter, BoundaryMeter.get(Adapter.toClassic(testKit.system())));
    BoundaryStats before = meter.snapshot();

    long bytes = 0;
    Serialization serialization = serialization();
    for (int i = 0; i < 5; i++) {
      byte[] frame = serialization.serialize(new Small(i, "n" + i)).get();
      bytes += frame.length;
      serialization.deserialize(frame, KryoSerializer.IDENTIFIER, "").get();
    }
    SerializabilityCheck.create(testKit.system()).checkMessage(new Small(9, "not counted"));
    BoundaryStats delta = meter.snapshot().minus(before);

    assertEquals(5, delta.messages());
    assertEquals(bytes, delta.bytes());
    assertEquals(5, delta.receivedMessages());
    assertEquals(bytes, delta.receivedBytes());
    assertEquals(java.util.Set.of(Small.class.getName()), delta.byType().keySet());
    assertTrue(delta.serializeNanos() > 0);
    assertTrue(delta.deserializeNanos() > 0);
    assertNotEquals(BoundaryStats.NONE, delta);
  }

  @Test
  void theMeterTimesEveryMessageOfAClassAtFirstThenOneInEightThatCountsForEight() {
    BoundaryMeter meter = BoundaryMeter.get(testKit.system());
    class Sampled {} // a class of its own, which no other test counts
    for (int i = 0; i < BoundaryMeter.ALWAYS_TIMED; i++) {
      BoundaryMeter.Counters counters = meter.of(Sampled.class);
      assertEquals(1, counters.sentWeight());
      counters.recordSent(10, 100);
    }
    int timed = 0;
    for (int i = 0; i < 8000; i++) {
      BoundaryMeter.Counters counters = meter.of(Sampled.class);
      int weight = counters.sentWeight();
      assertTrue(weight == 0 || weight == BoundaryMeter.SAMPLE_ONE_IN, () -> "weight " + weight);
      timed += weight > 0 ? 1 : 0;
      counters.recordSent(10, 100L * weight); // every message takes 100 ns
    }
    BoundaryStats.Traffic traffic = meter.snapshot().byType().get(Sampled.class.getName());

    // Timed ones are Binomial(8000, 1/8): 1000 on average, standard deviation 30.
    assertTrue(timed > 800 && timed < 1200, timed + " of 8000 timed");
    assertEquals(8064, traffic.sent());
    assertEquals(64 * 100 + 8 * 100L * timed, traffic.serializeNanos());
    assertEquals(1, meter.of(Sampled.class).receivedWeight(), "received messages count on their own");
  }
}
