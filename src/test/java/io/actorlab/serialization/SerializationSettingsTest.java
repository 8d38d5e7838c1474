package io.actorlab.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;

/** The config section: defaults, and errors that name the key and the bad value. */
class SerializationSettingsTest {

  private static Config with(String overrides) {
    return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.load());
  }

  private static String failure(String overrides) {
    return assertThrows(ConfigException.class, () -> SerializationSettings.create(with(overrides)))
        .getMessage();
  }

  @Test
  void defaultsFromReferenceConf() {
    SerializationSettings settings = SerializationSettings.create(ConfigFactory.load());
    assertEquals(List.of(), settings.register());
    assertEquals(2 << 20, settings.maxMessageBytes());
    assertEquals(64, settings.maxDepth());
    assertEquals(64 << 10, settings.bufferSize());
  }

  @Test
  void badValuesNameTheKeyAndTheValue() {
    String depth = failure("actorlab.serialization.max-depth = 0");
    assertTrue(
        depth.contains("actorlab.serialization.max-depth") && depth.contains("was 0"), depth);

    String size = failure("actorlab.serialization.max-message-bytes = 10");
    assertTrue(
        size.contains("actorlab.serialization.max-message-bytes") && size.contains("was 10 bytes"),
        size);

    String buffer = failure("actorlab.serialization.buffer-size = 100");
    assertTrue(
        buffer.contains("actorlab.serialization.buffer-size") && buffer.contains("was 100"), buffer);

    String blank = failure("actorlab.serialization.register = [\" \"]");
    assertTrue(blank.contains("actorlab.serialization.register"), blank);
  }

  @Test
  void theBufferNeverExceedsTheLargestMessage() {
    SerializationSettings settings =
        SerializationSettings.create(with("actorlab.serialization.max-message-bytes = 4KiB"));
    assertEquals(4096, settings.bufferSize());
  }

  @Test
  void aClassListedTwiceIsRefused() {
    String twice = failure("actorlab.serialization.register = [\"a.B\", \"a.B\"]");
    assertTrue(twice.contains("\"a.B\" is listed twice"), twice);

    String both = failure("actorlab.serialization { builtin = [\"a.B\"], register = [\"a.B\"] }");
    assertTrue(both.contains("actorlab.serialization.register") && both.contains("builtin"), both);
  }

  @Test
  void aClassThatIsNotOnTheClasspathFailsTheActorSystemAtStart() {
    String missing = startupFailure("[\"com.example.DoesNotExist\"]");
    assertTrue(missing.contains("actorlab.serialization.register"), missing);
    assertTrue(missing.contains("\"com.example.DoesNotExist\" is not on the classpath"), missing);

    String dotted = startupFailure("[\"io.actorlab.serialization.TestMessages.Small\"]");
    assertTrue(
        dotted.contains("did you mean \"io.actorlab.serialization.TestMessages$Small\"?"), dotted);

    String marker = startupFailure("[\"io.actorlab.serialization.CrossesBoundary\"]");
    assertTrue(marker.contains("is an interface"), marker);

    String jdk = startupFailure("[\"java.util.concurrent.atomic.AtomicLong\"]");
    assertTrue(jdk.contains("cannot be registered with Kryo") && jdk.contains("JDK class"), jdk);
  }

  // The serializer is created while the actor system starts, so a bad list stops it there.
  private static String startupFailure(String register) {
    Config config = with("actorlab.serialization.register = " + register);
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ActorTestKit.create("bad-registration", config).shutdownTestKit());
    return e.getMessage();
  }
}
