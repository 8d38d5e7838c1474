package io.actorlab.serialization;

import static io.actorlab.serialization.HostileFrames.HUGE;
import static io.actorlab.serialization.HostileFrames.frame;
import static io.actorlab.serialization.HostileFrames.varInt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import io.actorlab.serialization.TestMessages.Blob;
import io.actorlab.serialization.TestMessages.Holder;
import io.actorlab.serialization.TestMessages.PlainClass;
import io.actorlab.serialization.TestMessages.Small;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Frames a hostile or broken peer could send. Each must be refused with a clear reason, before
 * anything big is allocated: the test measures what this thread allocated while refusing it. Kryo
 * 5.6.2 alone would allocate the declared sizes (gigabytes) from the same few bytes.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileFrameTest {

  /** Far below any declared size here, far above what refusing a frame needs (a new Kryo instance). */
  private static final long ALLOCATION_BUDGET = 64L << 20;

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TestMessages.config()).build();

  private KryoSerializer serializer;
  private HostileFrames frames;

  @BeforeAll
  void findSerializer() throws Exception {
    var classic = Adapter.toClassic(testKit.system());
    serializer =
        (KryoSerializer) SerializationExtension.get(classic).serializerFor(CrossesBoundary.class);
    frames = HostileFrames.of((ExtendedActorSystem) classic);
  }

  private Consumer<Output> classOf(Class<?> type) {
    return frames.classOf(type);
  }

  private RejectedFrameException refuse(byte[] frame) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    RejectedFrameException e =
        assertThrows(RejectedFrameException.class, () -> serializer.fromBinary(frame));
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(
        allocated < ALLOCATION_BUDGET,
        () -> "allocated " + allocated + " bytes to refuse " + frame.length);
    return e;
  }

  Stream<Named<byte[]>> hugeDeclaredLengths() {
    List<Named<byte[]>> named = new ArrayList<>();
    // Checked by BoundedInput.
    for (Class<?> array :
        List.of(
            long[].class,
            int[].class,
            double[].class,
            byte[].class,
            char[].class,
            boolean[].class)) {
      named.add(Named.of(array.getSimpleName(), frames.hugeArray(array)));
    }
    named.add(Named.of("String[]", frames.hugeArray(String[].class)));
    named.add(Named.of("Object[]", frames.hugeArray(Object[].class)));
    named.add(Named.of("ArrayList", frame(List.of(classOf(ArrayList.class), varInt(HUGE)))));
    named.add(Named.of("HashMap", frame(List.of(classOf(HashMap.class), varInt(HUGE)))));
    named.add(
        Named.of("List.of", frame(List.of(classOf(List.of(1, 2, 3).getClass()), varInt(HUGE)))));
    named.add(Named.of("BigInteger", frame(List.of(classOf(BigInteger.class), varInt(HUGE + 1)))));
    named.add(
        Named.of(
            "String",
            frame(
                List.of(classOf(String.class), out -> out.writeVarIntFlag(true, HUGE + 1, true)))));
    // A String field read by RecordSerializer, and one read by FieldSerializer (which skips the
    // registered String serializer): the frame of a null string with the null marker replaced.
    named.add(Named.of("record String field", withHugeLastString(new Small(3, null))));
    named.add(Named.of("plain class String field", withHugeLastString(new PlainClass(null, 3))));
    return named.stream();
  }

  private byte[] withHugeLastString(Object valueEndingInNullString) {
    byte[] bytes = serializer.toBinary(valueEndingInNullString);
    assertEquals((byte) 0x80, bytes[bytes.length - 1], "a null string is written as 0x80");
    Output out = new Output(64, -1);
    out.writeBytes(bytes, 0, bytes.length - 1);
    out.writeVarIntFlag(true, HUGE + 1, true);
    return out.toBytes();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hugeDeclaredLengths")
  void aFewBytesDeclaringABillionElementsAreRefused(byte[] frame) {
    assertTrue(frame.length <= 10, () -> frame.length + " bytes");
    RejectedFrameException e = refuse(frame);
    assertTrue(e.getMessage().contains("declares " + HUGE + " elements"), e.getMessage());
    assertTrue(e.getMessage().contains("remain in the frame"), e.getMessage());
  }

  @Test
  void nestedContainersCannotMultiplyTheirDeclaredSizes() {
    // Each ArrayList declares as many elements as bytes remain after it, which each one alone may.
    // Together they would pre-allocate (levels x frame size) references.
    int levels = 40;
    int padding = 100_000;
    int size = levels * 4 + padding;
    Output out = new Output(size + 16, -1);
    int listId = frames.idOf(ArrayList.class) + 2;
    for (int level = 0; level < levels; level++) {
      out.writeVarInt(listId, true);
      int remainingAfterLength = size - out.position() - 3;
      out.writeVarInt(remainingAfterLength, true); // 3 bytes for these sizes
    }
    out.writeBytes(new byte[size - out.position()]);
    RejectedFrameException e = refuse(out.toBytes());
    assertTrue(e.getMessage().contains("declared in this frame"), e.getMessage());
  }

  @Test
  void nestingDeeperThanMaxDepthIsRefused() {
    RejectedFrameException e = refuse(frames.nestedLists(200));
    assertTrue(e.getMessage().contains("Max depth exceeded"), e.getMessage());
  }

  @Test
  void anUnregisteredClassIdIsRefused() {
    RejectedFrameException e = refuse(HostileFrames.unregisteredClassId());
    assertTrue(
        e.getMessage().contains("unregistered class ID: " + HostileFrames.UNREGISTERED_ID),
        e.getMessage());
  }

  @Test
  void aClassNameOnTheWireIsRefusedWithoutLoadingIt() {
    RejectedFrameException e = refuse(HostileFrames.className("java.lang.ProcessBuilder"));
    assertTrue(e.getMessage().contains("class names are never accepted"), e.getMessage());
  }

  @Test
  void aFrameOverMaxMessageBytesIsRefusedUnread() {
    int limit = serializer.settings().maxMessageBytes();
    RejectedFrameException e =
        assertThrows(
            RejectedFrameException.class, () -> serializer.fromBinary(new byte[limit + 1]));
    assertTrue(e.getMessage().contains("over the limit of " + limit), e.getMessage());
  }

  @Test
  void truncatedTrailingAndEmptyFramesAreRefused() {
    byte[] good = serializer.toBinary(new Small(7, "seven"));
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
    byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
    assertTrue(refuse(truncated).getMessage().contains("Buffer underflow"));
    assertTrue(refuse(trailing).getMessage().contains("1 bytes left over"));
    assertTrue(refuse(new byte[] {Kryo.NULL}).getMessage().contains("holds no message"));
    refuse(new byte[0]);
  }

  @Test
  void legitimateLargeAndDeepValuesStillRoundTrip() {
    int limit = serializer.settings().maxMessageBytes();
    Blob nearLimit = new Blob(new byte[limit - 16]);
    assertArrayEquals(
        nearLimit.bytes(), ((Blob) serializer.fromBinary(serializer.toBinary(nearLimit))).bytes());

    Object deep = "leaf";
    for (int level = 0; level < 20; level++) {
      deep = new ArrayList<>(List.of(deep, level));
    }
    Holder holder = new Holder(deep);
    assertEquals(holder, serializer.fromBinary(serializer.toBinary(holder)));
  }

  @Test
  void randomValuesNeverTripTheLimits() {
    // The limits claim lower bounds of distinct bytes, so a frame we wrote can never break them.
    Random random = new Random(20261122);
    for (int i = 0; i < 300; i++) {
      Holder holder = new Holder(randomValue(random, 0));
      assertEquals(holder, serializer.fromBinary(serializer.toBinary(holder)));
    }
  }

  private static Object randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 5 ? 4 : 8);
    int size = random.nextInt(6);
    return switch (kind) {
      case 0 -> random.nextInt();
      case 1 -> random.nextBoolean() ? null : "ü" + random.nextLong();
      case 2 -> new Small(random.nextInt(), random.nextBoolean() ? "" : "x");
      case 3 -> random.nextDouble();
      case 4 -> {
        List<Object> list = new ArrayList<>();
        for (int j = 0; j < size; j++) {
          list.add(randomValue(random, depth + 1));
        }
        yield list;
      }
      case 5 -> {
        Map<Object, Object> map = new HashMap<>();
        for (int j = 0; j < size; j++) {
          map.put("k" + j, randomValue(random, depth + 1));
        }
        yield map;
      }
      case 6 -> {
        List<Object> list = new ArrayList<>();
        for (int j = 0; j < size; j++) {
          list.add(new Small(j, "e"));
        }
        yield List.copyOf(list);
      }
      default -> List.of();
    };
  }
}
