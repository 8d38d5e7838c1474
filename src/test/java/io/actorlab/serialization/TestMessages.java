package io.actorlab.serialization;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorRef;

/** Messages the serialization tests send, and the config that registers them. */
final class TestMessages {

  private TestMessages() {}

  /** The registrations every serialization test uses on top of the reference config. */
  static Config config() {
    return ConfigFactory.parseString(
            """
            actorlab.serialization.register = [
              "io.actorlab.serialization.TestMessages$Small"
              "io.actorlab.serialization.TestMessages$AllPrimitives"
              "io.actorlab.serialization.TestMessages$PrimitiveArrays"
              "io.actorlab.serialization.TestMessages$Nested"
              "io.actorlab.serialization.TestMessages$Containers"
              "io.actorlab.serialization.TestMessages$WithRef"
              "io.actorlab.serialization.TestMessages$Holder"
              "io.actorlab.serialization.TestMessages$Blob"
              "io.actorlab.serialization.TestMessages$PlainClass"
              "io.actorlab.serialization.TestMessages$Color"
              "io.actorlab.serialization.TestMessages$Small[]"
            ]
            """)
        .withFallback(ConfigFactory.load());
  }

  record Small(int n, String text) implements CrossesBoundary {}

  record AllPrimitives(
      int i,
      long l,
      double d,
      float f,
      boolean b,
      char c,
      byte by,
      short sh,
      String text,
      Integer boxed)
      implements CrossesBoundary {}

  /** Arrays compare by identity in a record's equals: tests compare the components. */
  record PrimitiveArrays(int[] ints, long[] longs, double[] doubles, byte[] bytes)
      implements CrossesBoundary {}

  record Nested(Small first, List<Small> more, Small[] array, Color color)
      implements CrossesBoundary {}

  record Containers(
      ArrayList<String> arrayList,
      List<Integer> listOf,
      List<String> listOfOne,
      Map<String, Integer> mapOf,
      Set<String> setOf,
      Optional<String> present,
      Optional<String> absent,
      UUID id,
      Instant at,
      Duration took)
      implements CrossesBoundary {}

  record WithRef(String text, ActorRef<String> replyTo) implements CrossesBoundary {}

  /** Carries any value, registered or not. */
  record Holder(Object value) implements CrossesBoundary {}

  record Blob(byte[] bytes) implements CrossesBoundary {}

  /** A CrossesBoundary message that is not registered. */
  record Unregistered(int n) implements CrossesBoundary {}

  /** Registered nowhere and not a message. */
  record NotRegistered(String text) {}

  /** Java-serializable but not a CrossesBoundary: Pekko must refuse it. */
  static final class LegacySerializable implements Serializable {
    private static final long serialVersionUID = 1L;
    String text = "legacy";
  }

  /** A plain class (not a record): Kryo's FieldSerializer reads its String field directly. */
  static final class PlainClass implements CrossesBoundary {
    String name;
    int count;

    PlainClass() {}

    PlainClass(String name, int count) {
      this.name = name;
      this.count = count;
    }
  }

  enum Color {
    RED,
    GREEN
  }
}
