package io.actorlab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.serialization.JSerializer;
import org.apache.pekko.serialization.SerializationExtension;

/** One way of turning a value into bytes and back, as compared by {@link SerializationBenchmark}. */
interface Codec {

  /** The value's bytes. */
  byte[] write(Object value);

  /** A value equal to the one written, of type {@code type}. */
  Object read(byte[] bytes, Class<?> type);

  /** The codec named {@code name}: kryo, java, json or cbor; kryo needs {@code system}. */
  static Codec named(String name, ActorSystem<?> system) {
    return switch (name) {
      case "kryo" -> kryo(system);
      case "java" -> new JavaSerialization();
      case "json" -> new Jackson(new ObjectMapper());
      case "cbor" -> new Jackson(new ObjectMapper(new CBORFactory()));
      default -> throw new IllegalArgumentException(
          "unknown codec '" + name + "'; use one of kryo, java, json, cbor");
    };
  }

  /**
   * The serializer Pekko picks for actorlab's messages in {@code system} (KryoSerializer, as on the
   * wire), called directly: the frame Pekko sends is these bytes plus its envelope.
   */
  private static Codec kryo(ActorSystem<?> system) {
    Object message = Payloads.named("worker-run", false);
    JSerializer serializer = (JSerializer) SerializationExtension.get(system).findSerializerFor(message);
    return new Codec() {
      @Override
      public byte[] write(Object value) {
        return serializer.toBinary(value);
      }

      @Override
      public Object read(byte[] bytes, Class<?> type) {
        return serializer.fromBinaryJava(bytes, type);
      }
    };
  }

  /** java.io object streams: what actorlab refuses on the wire (allow-java-serialization = off). */
  final class JavaSerialization implements Codec {
    @Override
    public byte[] write(Object value) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }

    @Override
    public Object read(byte[] bytes, Class<?> type) {
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
        return in.readObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Jackson data binding, JSON or CBOR by the mapper's factory. */
  final class Jackson implements Codec {
    private final ObjectMapper mapper;

    Jackson(ObjectMapper mapper) {
      this.mapper = mapper;
    }

    @Override
    public byte[] write(Object value) {
      try {
        return mapper.writeValueAsBytes(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Object read(byte[] bytes, Class<?> type) {
      try {
        return mapper.readValue(bytes, type);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
